import { parentPort, workerData } from 'node:worker_threads';
import type { BacktestConfig } from '../../domain/config.js';
import type { CandleFileNaming } from '../backtest/loadCandleFile.js';
import { loadCandleSeries } from '../backtest/loadCandleSeries.js';
import { evaluateWindow, prepareSearchData } from './evaluateWindow.js';
import type { Objective } from './objectives.js';
import type { ParamSet } from './searchSpace.js';
import type { TimeWindow } from './walkForward.js';

/** What a worker is started with: enough to load the same candles as the main thread. */
export interface TrialWorkerData {
  readonly files: readonly string[];
  readonly naming: CandleFileNaming;
  readonly config: BacktestConfig;
  readonly objective: Objective;
  readonly windows: readonly TimeWindow[];
}

export interface WindowRequest {
  readonly job: number;
  readonly params: ParamSet;
  readonly window: number;
  readonly keepCurve?: boolean;
}

const port = parentPort;
if (port) {
  const input = workerData as TrialWorkerData;
  const data = prepareSearchData(await loadCandleSeries(input.files, input.naming), input.config, input.objective, input.windows);
  port.on('message', (request: WindowRequest) => {
    evaluateWindow(data, request.params, request.window, request.keepCurve).then(
      (outcome) => port.postMessage({ job: request.job, outcome }),
      (error: unknown) => port.postMessage({ job: request.job, outcome: { ok: false, error: error instanceof Error ? error.message : String(error) } }),
    );
  });
  port.postMessage({ ready: true });
}
