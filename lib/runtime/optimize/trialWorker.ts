import { parentPort, workerData } from 'node:worker_threads';
import type { BacktestConfig } from '../../domain/config.js';
import { type WindowOutcome, evaluateWindow, prepareSearchData } from './evaluateWindow.js';
import type { Objective } from './objectives.js';
import type { ParamSet } from './searchSpace.js';
import { type SharedCandleSeries, unshareCandleSeries } from './sharedCandles.js';
import { threadCpuSeconds } from './threadCpuSeconds.js';
import type { TimeWindow } from './walkForward.js';

/** What a worker is started with: the search's candles, decoded once by the main thread and shared, and what scores them. */
export interface TrialWorkerData {
  readonly series: readonly SharedCandleSeries[];
  readonly config: BacktestConfig;
  readonly objective: Objective;
  readonly windows: readonly TimeWindow[];
}

export interface WindowRequest {
  readonly kind: 'window';
  readonly job: number;
  readonly params: ParamSet;
  readonly window: number;
  readonly keepCurve?: boolean;
}

/** Asks the worker for the CPU time its thread has used. */
export interface CpuRequest {
  readonly kind: 'cpu';
}

export type WorkerReply = { readonly kind: 'ready' } | { readonly kind: 'outcome'; readonly job: number; readonly outcome: WindowOutcome } | { readonly kind: 'cpu'; readonly cpuSeconds: number | undefined };

const port = parentPort;
if (port) {
  const input = workerData as TrialWorkerData;
  const data = prepareSearchData(unshareCandleSeries(input.series), input.config, input.objective, input.windows);
  const reply = (message: WorkerReply) => port.postMessage(message);
  // The pool sends the next window before this one is done, so the thread never waits on the main
  // thread between windows; they are backtested one at a time, in the order they came.
  const queue: WindowRequest[] = [];
  let draining = false;
  const drain = async (): Promise<void> => {
    draining = true;
    for (let request = queue.shift(); request !== undefined; request = queue.shift()) {
      let outcome: WindowOutcome;
      try {
        outcome = await evaluateWindow(data, request.params, request.window, request.keepCurve);
      } catch (error) {
        outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      reply({ kind: 'outcome', job: request.job, outcome });
    }
    draining = false;
  };
  port.on('message', (request: WindowRequest | CpuRequest) => {
    if (request.kind === 'cpu') return reply({ kind: 'cpu', cpuSeconds: threadCpuSeconds() });
    queue.push(request);
    if (!draining) void drain();
  });
  reply({ kind: 'ready' });
}
