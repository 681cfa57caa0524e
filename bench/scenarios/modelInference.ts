// The model strategy per candle: candle@1 features alone, and features + onnxruntime inference
// with the shipped checkpoint (models/default), over ETH/BTC 1m windows of 100 candles.
// Prints one JSON line. Run from the repository root: node --import tsx bench/scenarios/modelInference.ts FILE [CANDLES]
import { performance } from 'node:perf_hooks';
import { ArrayCandleWindow } from '../../lib/domain/candleWindow.js';
import { loadCandleFile } from '../../lib/runtime/backtest/loadCandleFile.js';
import { CANDLE_FEATURES_V1 } from '../../lib/strategy/model/candleFeatures.js';
import { loadCheckpoint } from '../../lib/strategy/model/loadCheckpoint.js';
import { createModelStrategy } from '../../lib/strategy/model/modelStrategy.js';

const [file = '../shared/data/candles/ETH_BTC-1m.json', count = '20000'] = process.argv.slice(2);
const WINDOW = 100;
const series = await loadCandleFile(file);
const candles = series.candles.slice(0, Math.min(series.candles.length, Number(count) + WINDOW));
const loadStarted = performance.now();
const checkpoint = await loadCheckpoint();
const loadMs = performance.now() - loadStarted;
// No staleness in a benchmark: every candle runs the model.
const strategy = createModelStrategy(checkpoint, { maxCheckpointAgeDays: 3650, minPWin: 1 });
const window = new ArrayCandleWindow(candles, 0, WINDOW);
const row = new Float32Array(CANDLE_FEATURES_V1.names.length);

function timeFeatures(): number {
  const started = performance.now();
  for (let end = WINDOW; end <= candles.length; end++) {
    window.moveTo(end - WINDOW, end);
    CANDLE_FEATURES_V1.compute(window, row);
  }
  return ((performance.now() - started) * 1000) / (candles.length - WINDOW + 1);
}

async function timeStrategy(): Promise<number> {
  const started = performance.now();
  for (let end = WINDOW; end <= candles.length; end++) {
    window.moveTo(end - WINDOW, end);
    await strategy.evaluate({ symbol: series.symbol, timeframe: series.timeframe, window, openPlans: [], balances: {} });
  }
  return ((performance.now() - started) * 1000) / (candles.length - WINDOW + 1);
}

timeFeatures();
await timeStrategy();
const featuresUs = Math.min(timeFeatures(), timeFeatures(), timeFeatures());
const strategyUs = Math.min(await timeStrategy(), await timeStrategy(), await timeStrategy());
console.log(
  JSON.stringify({
    candles: candles.length - WINDOW + 1,
    featuresUsPerCandle: Number(featuresUs.toFixed(2)),
    inferenceUsPerCandle: Number(strategyUs.toFixed(2)),
    checkpointLoadMs: Number(loadMs.toFixed(1)),
  }),
);
