import { Worker } from 'node:worker_threads';
import type { WindowOutcome } from './evaluateWindow.js';
import type { ParamSet } from './searchSpace.js';
import type { TrialWorkerData, WindowRequest } from './trialWorker.js';

interface Pending {
  readonly request: WindowRequest;
  resolve(outcome: WindowOutcome): void;
  reject(error: Error): void;
}

/**
 * Backtests windows on `size` worker threads, one window per worker at a time. The workers
 * run the TypeScript sources through tsx's loader (as `npm run` does), each holding its own
 * copy of the candles.
 */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly queue: Pending[] = [];
  private nextJob = 0;

  private constructor(private readonly workers: Worker[]) {}

  static async start(size: number, data: TrialWorkerData): Promise<WorkerPool> {
    const url = new URL('./trialWorker.ts', import.meta.url).href;
    // A worker does not inherit the parent's module hooks: it registers tsx's loader itself, then imports the TypeScript entry.
    const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url)}); })`;
    const workers = Array.from({ length: size }, () => new Worker(bootstrap, { eval: true, workerData: data }));
    const pool = new WorkerPool(workers);
    await Promise.all(workers.map((worker) => pool.attach(worker)));
    return pool;
  }

  private attach(worker: Worker): Promise<void> {
    return new Promise((ready, failed) => {
      worker.on('message', (message: { ready?: true; outcome?: WindowOutcome }) => {
        if (message.ready) {
          this.idle.push(worker);
          ready();
          this.pump();
          return;
        }
        const pending = this.busy.get(worker);
        this.busy.delete(worker);
        this.idle.push(worker);
        if (pending && message.outcome) pending.resolve(message.outcome);
        this.pump();
      });
      worker.on('error', (error) => {
        failed(error);
        this.busy.get(worker)?.reject(error);
        for (const pending of this.queue.splice(0)) pending.reject(error);
      });
    });
  }

  run(params: ParamSet, window: number, keepCurve = false): Promise<WindowOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { job: this.nextJob++, params, window, keepCurve }, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop() as Worker;
      const pending = this.queue.shift() as Pending;
      this.busy.set(worker, pending);
      worker.postMessage(pending.request);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
