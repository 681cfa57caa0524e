// One scenario per process, so its peak RSS is its own. Prints one JSON line.
// With a third argument `no-entries`, the strategy still runs but its proposals are dropped:
// the per-candle cost of the chain without the cost of trading. With `async`, the same
// strategy answers through a promise, as a model or language-model strategy does: what the
// async support costs when used, and (against `trading`) that a synchronous strategy does not pay it.
import { BacktestConfigSchema } from '../../lib/domain/config.js';
import { timeframeMs } from '../../lib/domain/candle.js';
import { BacktestEngine } from '../../lib/runtime/backtest/BacktestEngine.js';
import { inferMarket } from '../../lib/runtime/backtest/inferMarket.js';
import { loadCandleFile } from '../../lib/runtime/backtest/loadCandleFile.js';
import { createStrategy } from '../../lib/strategy/registry.js';
import { NO_PROPOSALS, type Strategy, type SynchronousStrategy } from '../../lib/strategy/Strategy.js';
import { repeatCandles } from '../repeatCandles.js';

const [file = '../shared/data/candles/ETH_BTC-1m.json', count = '1000000', mode = 'trading'] = process.argv.slice(2);
const source = await loadCandleFile(file);
const candles = repeatCandles(source.candles, Number(count), timeframeMs(source.timeframe));
const config = BacktestConfigSchema.parse({});
const market = inferMarket(source.symbol, source.candles, config.feeRate);
const engine = new BacktestEngine({
  series: [{ ...source, candles }],
  markets: [market],
  strategy: strategyFor(mode, createStrategy(config.strategy)),
  config,
  startingBalances: { [market.quote]: config.startingQuote },
  quoteCurrency: market.quote,
});
const started = performance.now();
const cpuBefore = process.cpuUsage();
const result = await engine.run();
const seconds = (performance.now() - started) / 1000;
// CPU time of this process (user + system): on a shared machine, wall time counts the others' work.
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(
  JSON.stringify({
    candles: candles.length,
    candlesPerSecond: Math.round(candles.length / seconds),
    cpuCandlesPerSecond: Math.round(candles.length / cpuSeconds),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    trades: result.trades.length,
    decisions: result.decisions,
  }),
);

function strategyFor(mode: string, strategy: SynchronousStrategy): Strategy {
  if (mode === 'no-entries') return withoutEntries(strategy);
  if (mode === 'async') return answeringLater(strategy);
  return strategy;
}

function answeringLater(strategy: SynchronousStrategy): Strategy {
  return {
    name: strategy.name,
    warmupCandles: strategy.warmupCandles,
    evaluate: (context) => Promise.resolve(strategy.evaluate(context)),
  };
}

function withoutEntries(strategy: SynchronousStrategy): Strategy {
  return {
    name: strategy.name,
    warmupCandles: strategy.warmupCandles,
    evaluate: (context) => {
      strategy.evaluate(context);
      return NO_PROPOSALS;
    },
  };
}
