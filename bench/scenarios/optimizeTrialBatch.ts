// One Distributed Map task of the optimizer, run through the real trial-batch handler on this
// machine: the run's data object (candles gzipped) in a directory store, one item of
// `trials` parameter sets × every window of 4 folds, timed from the handler's call (decoding
// the candles included, as on a cold Lambda) to its result written, in wall-clock and CPU seconds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryObjectStore } from '../../lib/adapters/filesystem/DirectoryObjectStore.js';
import { mulberry32 as seededRandom } from '../../lib/domain/mulberry32.js';
import { loadBacktestConfig } from '../../lib/runtime/backtest/loadBacktestConfig.js';
import { loadCandleSeries } from '../../lib/runtime/backtest/loadCandleSeries.js';
import { createTrialBatchHandler } from '../../lib/runtime/lambda/optimize/createTrialBatchHandler.js';
import { encodeRunData, runKeys } from '../../lib/runtime/optimize/distributed/runObjects.js';
import { batchItems, type TrialBatchResult } from '../../lib/runtime/optimize/distributed/trialBatch.js';
import { randomSampler } from '../../lib/runtime/optimize/samplers.js';
import { DEFAULT_SPACES, dimensions } from '../../lib/runtime/optimize/searchSpace.js';
import { walkForwardWindows } from '../../lib/runtime/optimize/walkForward.js';

const [file = '../shared/data/candles/ETH_BTC-1m.json', trialsText = '10'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'bench-trial-batch-'));
try {
  const config = await loadBacktestConfig(undefined, { strategy: 'ema-crossover' });
  const series = await loadCandleSeries([file]);
  const windows = walkForwardWindows(series, 4);
  const store = new DirectoryObjectStore(dir);
  const runId = 'bench-run';
  const data = encodeRunData(series, config, 'sharpe', windows);
  await store.put(runKeys(runId).data, data);
  const sampler = randomSampler(dimensions(DEFAULT_SPACES['ema-crossover']!), seededRandom(11));
  const trials = Array.from({ length: Number(trialsText) }, (_, id) => ({ id, params: sampler.next([]) }));
  const [item] = batchItems(runId, trials, windows.length, trials.length);
  const handler = createTrialBatchHandler(store);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const answer = await handler(item);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const result = JSON.parse(Buffer.from((await store.get(answer.resultKey))!).toString('utf8')) as TrialBatchResult;
  const refused = result.trials.filter((t) => t.outcomes.some((o) => !o.outcome.ok)).length;
  console.log(JSON.stringify({ trials: trials.length, refused, windows: windows.length, seriesCandles: series[0]!.candles.length, candleEvaluations: result.candleEvaluations, dataBytes: data.byteLength, seconds: Number(seconds.toFixed(3)), cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(3)) }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
