import { Worker } from 'node:worker_threads';
import type { BacktestConfig } from '../../domain/config.js';
import type { CandleSeries } from '../backtest/loadCandleFile.js';
import type { WindowOutcome } from './evaluateWindow.js';
import type { Objective } from './objectives.js';
import type { ParamSet } from './searchSpace.js';
import { shareCandleSeries } from './sharedCandles.js';
import type { CpuRequest, TrialWorkerData, WindowRequest, WorkerReply } from './trialWorker.js';
import { trialWorkerModule } from './trialWorkerModule.js';
import type { TimeWindow } from './walkForward.js';

/** What the pool's workers backtest: the search's candles, config, objective and windows. */
export interface PoolData {
  readonly series: readonly CandleSeries[];
  readonly config: BacktestConfig;
  readonly objective: Objective;
  readonly windows: readonly TimeWindow[];
}

interface Pending {
  readonly request: WindowRequest;
  resolve(outcome: WindowOutcome): void;
  reject(error: Error): void;
}

interface Lane {
  readonly worker: Worker;
  readonly inFlight: Map<number, Pending>;
  readonly cpuAnswers: ((cpuSeconds: number | undefined) => void)[];
}

/**
 * Windows a worker holds at once: the one it runs and the next, so that it starts the next as
 * soon as it is done, without waiting for the main thread (busy, or not scheduled, on a loaded
 * machine) to hear of the result and answer.
 */
const WINDOWS_PER_WORKER = 2;

/**
 * Backtests windows on `size` worker threads. The candles are decoded once, here, and shared
 * with every worker (SharedArrayBuffer); the workers run one bundled script (trialWorkerModule).
 */
export class WorkerPool {
  private readonly queue: Pending[] = [];
  private nextJob = 0;
  private failure: Error | undefined;

  private constructor(private readonly lanes: Lane[]) {}

  static async start(size: number, data: PoolData): Promise<WorkerPool> {
    const workerData: TrialWorkerData = { series: shareCandleSeries(data.series), config: data.config, objective: data.objective, windows: data.windows };
    const module = await trialWorkerModule();
    const lanes = Array.from({ length: size }, (): Lane => ({ worker: new Worker(module, { workerData }), inFlight: new Map(), cpuAnswers: [] }));
    const pool = new WorkerPool(lanes);
    try {
      await Promise.all(lanes.map((lane) => pool.attach(lane)));
    } catch (error) {
      await pool.stop();
      throw error;
    }
    return pool;
  }

  get size(): number {
    return this.lanes.length;
  }

  private attach(lane: Lane): Promise<void> {
    return new Promise((ready, failed) => {
      lane.worker.on('message', (message: WorkerReply) => {
        if (message.kind === 'ready') {
          ready();
        } else if (message.kind === 'cpu') {
          lane.cpuAnswers.shift()?.(message.cpuSeconds);
        } else {
          const pending = lane.inFlight.get(message.job);
          lane.inFlight.delete(message.job);
          pending?.resolve(message.outcome);
        }
        this.pump();
      });
      lane.worker.on('error', (error) => {
        this.failure = error;
        failed(error);
        for (const pending of [...lane.inFlight.values(), ...this.queue.splice(0)]) pending.reject(error);
        lane.inFlight.clear();
        for (const answer of lane.cpuAnswers.splice(0)) answer(undefined);
      });
    });
  }

  run(params: ParamSet, window: number, keepCurve = false): Promise<WindowOutcome> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.queue.push({ request: { kind: 'window', job: this.nextJob++, params, window, keepCurve }, resolve, reject });
      this.pump();
    });
  }

  /** Each worker's thread CPU time so far, in seconds (undefined where the platform does not tell). */
  cpuSeconds(): Promise<(number | undefined)[]> {
    return Promise.all(
      this.lanes.map(
        (lane) =>
          new Promise<number | undefined>((answer) => {
            if (this.failure) return answer(undefined);
            lane.cpuAnswers.push(answer);
            lane.worker.postMessage({ kind: 'cpu' } satisfies CpuRequest);
          }),
      ),
    );
  }

  /** Queued windows go to the worker holding the fewest, up to WINDOWS_PER_WORKER each. */
  private pump(): void {
    while (this.queue.length > 0) {
      let lane: Lane | undefined;
      for (const candidate of this.lanes) if (candidate.inFlight.size < WINDOWS_PER_WORKER && (!lane || candidate.inFlight.size < lane.inFlight.size)) lane = candidate;
      if (!lane) return;
      const pending = this.queue.shift() as Pending;
      lane.inFlight.set(pending.request.job, pending);
      lane.worker.postMessage(pending.request);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.worker.terminate()));
  }
}
