// The strategy alone (indicators, incremental cache, crossing test) over a moving window: what the chain adds to it is the rest.
import { ArrayCandleWindow } from '../../lib/domain/candleWindow.js';
import { timeframeMs } from '../../lib/domain/candle.js';
import { loadCandleFile } from '../../lib/runtime/backtest/loadCandleFile.js';
import { createStrategy } from '../../lib/strategy/registry.js';
import { repeatCandles } from '../repeatCandles.js';

const [file = '../shared/data/candles/ETH_BTC-1m.json', count = '1000000'] = process.argv.slice(2);
const source = await loadCandleFile(file);
const candles = repeatCandles(source.candles, Number(count), timeframeMs(source.timeframe));
const strategy = createStrategy({ name: 'ema-crossover', params: {} });
const window = new ArrayCandleWindow(candles, 0, 0);
let proposals = 0;
const started = performance.now();
const cpuBefore = process.cpuUsage();
for (let i = 0; i < candles.length; i++) {
  window.moveTo(Math.max(0, i + 1 - 300), i + 1);
  proposals += strategy.evaluate({ symbol: source.symbol, timeframe: source.timeframe, window, openPlans: [], balances: {} }).length;
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(JSON.stringify({ candles: candles.length, candlesPerSecond: Math.round(candles.length / seconds), cpuCandlesPerSecond: Math.round(candles.length / cpuSeconds), proposals }));
