// The model strategy per candle with the shipped checkpoint (models/default), over ETH/BTC 1m
// windows of 100 candles: candle@1 features alone; features + inference as live runs it (one
// session run per candle, Lambda and npm start); and as a backtest runs it (scoreReplay scores
// the series ahead in batches, then evaluate reads each candle's score when it comes).
// The machine is shared: the per-candle figures time rounds of ROUND consecutive candles and
// report the fastest round (the code's own cost; other processes only add to a round) with
// the median round and the load average beside it.
// Prints one JSON line. Run from the repository root: node --import tsx bench/scenarios/modelInference.ts FILE [CANDLES]
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ArrayCandleWindow } from '../../lib/domain/candleWindow.js';
import { loadCandleFile } from '../../lib/runtime/backtest/loadCandleFile.js';
import { CANDLE_FEATURES_V1 } from '../../lib/strategy/model/candleFeatures.js';
import { loadCheckpoint } from '../../lib/strategy/model/loadCheckpoint.js';
import { createModelStrategy } from '../../lib/strategy/model/modelStrategy.js';
import type { StrategyContext } from '../../lib/strategy/Strategy.js';

const [file = '../shared/data/candles/ETH_BTC-1m.json', count = '20000'] = process.argv.slice(2);
const WINDOW = 100;
const ROUND = 200;
const PASSES = 3;
const series = await loadCandleFile(file);
const candles = series.candles.slice(0, Math.min(series.candles.length, Number(count) + WINDOW));
const replayed = { ...series, candles };
const loadStarted = performance.now();
const checkpoint = await loadCheckpoint();
const loadMs = performance.now() - loadStarted;
// No staleness in a benchmark: every candle runs the model.
const params = { maxCheckpointAgeDays: 3650, minPWin: 1 };
const live = createModelStrategy(checkpoint, params);
const window = new ArrayCandleWindow(candles, 0, WINDOW);
const context: StrategyContext = { symbol: series.symbol, timeframe: series.timeframe, window, openPlans: [], balances: {} };
const row = new Float32Array(CANDLE_FEATURES_V1.names.length);
const decided = candles.length - WINDOW + 1;

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? NaN;
}

/** µs per candle of each round of ROUND candles, over PASSES passes of the candles. */
async function rounds(step: () => unknown): Promise<number[]> {
  const perCandle: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    for (let first = WINDOW; first <= candles.length; first += ROUND) {
      const last = Math.min(candles.length, first + ROUND - 1);
      const started = performance.now();
      for (let end = first; end <= last; end++) {
        window.moveTo(end - WINDOW, end);
        await step();
      }
      perCandle.push(((performance.now() - started) * 1000) / (last - first + 1));
    }
  }
  return perCandle;
}

/** µs per candle of a backtest's model work: the series scored ahead, then every candle evaluated. */
async function batchedBacktest(): Promise<number> {
  const strategy = createModelStrategy(checkpoint, params);
  const started = performance.now();
  await strategy.scoreReplay?.(replayed);
  for (let end = WINDOW; end <= candles.length; end++) {
    window.moveTo(end - WINDOW, end);
    await strategy.evaluate(context);
  }
  return ((performance.now() - started) * 1000) / decided;
}

const features = await rounds(() => CANDLE_FEATURES_V1.compute(window, row));
const inference = await rounds(() => live.evaluate(context));
const batched: number[] = [];
for (let run = 0; run < 5; run++) batched.push(await batchedBacktest());
const round = (value: number) => Number(value.toFixed(2));
console.log(
  JSON.stringify({
    candles: decided,
    timing: `fastest of ${features.length} rounds of ${ROUND} consecutive candles; median round beside it`,
    featuresUsPerCandle: round(percentile(features, 0)),
    inferenceUsPerCandle: round(percentile(inference, 0)),
    inferenceUsPerCandleMedianRound: round(percentile(inference, 0.5)),
    batchedBacktestUsPerCandle: round(percentile(batched, 0)),
    batchedBacktestUsPerCandleMedianRun: round(percentile(batched, 0.5)),
    batchRows: checkpoint.maxBatch,
    loadAverage1m: round(loadavg()[0] ?? NaN),
    checkpointLoadMs: Number(loadMs.toFixed(1)),
  }),
);
