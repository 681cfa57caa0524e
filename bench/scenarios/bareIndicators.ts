// The floor under the chain: the EMA strategy's own indicators, fed the same candles, nothing else.
import { ATR, EMA } from 'trading-signals';
import { timeframeMs } from '../../lib/domain/candle.js';
import { loadCandleFile } from '../../lib/runtime/backtest/loadCandleFile.js';
import { EmaCrossoverParamsSchema } from '../../lib/strategy/emaCrossover.js';
import { repeatCandles } from '../repeatCandles.js';

const [file = '../shared/data/candles/ETH_BTC-1m.json', count = '1000000'] = process.argv.slice(2);
const source = await loadCandleFile(file);
const candles = repeatCandles(source.candles, Number(count), timeframeMs(source.timeframe));
const params = EmaCrossoverParamsSchema.parse({});
const fast = new EMA(params.fastPeriod);
const slow = new EMA(params.slowPeriod);
const atr = new ATR(params.atrPeriod);
let crossings = 0;
let previous = 0;
const started = performance.now();
const cpuBefore = process.cpuUsage();
for (const candle of candles) {
  const difference = (fast.add(candle.close) ?? 0) - (slow.add(candle.close) ?? 0);
  atr.add(candle);
  if (previous <= 0 && difference > 0) crossings++;
  previous = difference;
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(JSON.stringify({ candles: candles.length, candlesPerSecond: Math.round(candles.length / seconds), cpuCandlesPerSecond: Math.round(candles.length / cpuSeconds), crossings }));
