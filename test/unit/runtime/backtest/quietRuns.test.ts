import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BacktestConfig, BacktestConfigSchema } from '../../../../lib/domain/config.js';
import type { Market } from '../../../../lib/domain/market.js';
import { BacktestEngine } from '../../../../lib/runtime/backtest/BacktestEngine.js';
import { inferMarket } from '../../../../lib/runtime/backtest/inferMarket.js';
import { type CandleSeries, loadCandleFile } from '../../../../lib/runtime/backtest/loadCandleFile.js';
import { createStrategy } from '../../../../lib/strategy/registry.js';
import type { QuietRun, Strategy, StrategyContext } from '../../../../lib/strategy/Strategy.js';
import { ETH_BTC, XLM_BTC, seriesOf, walkCaseArb } from '../../services/decision/candleWalks.js';

const DATA = '../shared/data/candles';

/** The strategy, counting the candles it evaluates one by one and the runs it is asked to skip. */
function counting(strategy: Strategy): { strategy: Strategy; evaluated: () => number; skipCalls: () => number } {
  let evaluated = 0;
  let skipCalls = 0;
  const counted: Strategy = {
    ...strategy,
    evaluate: (context: StrategyContext) => {
      evaluated++;
      return strategy.evaluate(context);
    },
    ...(strategy.skipQuiet !== undefined
      ? {
          skipQuiet: (run: QuietRun) => {
            skipCalls++;
            return strategy.skipQuiet?.(run) ?? run.from;
          },
        }
      : {}),
  };
  return { strategy: counted, evaluated: () => evaluated, skipCalls: () => skipCalls };
}

async function backtest(series: CandleSeries, market: Market, config: BacktestConfig, quietRuns: boolean, withoutSkip = false) {
  const created = createStrategy(config.strategy);
  const { strategy, evaluated, skipCalls } = counting(withoutSkip ? { name: created.name, warmupCandles: created.warmupCandles, evaluate: (context) => created.evaluate(context) } : created);
  const engine = new BacktestEngine({ series: [series], markets: [market], strategy, config, startingBalances: { [market.quote]: config.startingQuote }, quoteCurrency: market.quote, quietRuns, telemetryCapacity: 50 });
  // How long it took is the one figure that may differ.
  const result = { ...(await engine.run()), durationMs: 0 };
  return { result, records: engine.telemetry.records(), decisions: engine.telemetry.count, evaluated: evaluated(), skipCalls: skipCalls() };
}

/** Everything a run gives, with and without quiet runs; the same apart from how many candles `evaluate` saw. */
async function bothWays(series: CandleSeries, market: Market, config: BacktestConfig) {
  const oneByOne = await backtest(series, market, config, false);
  const inRuns = await backtest(series, market, config, true);
  expect(inRuns.result).toEqual(oneByOne.result);
  expect(inRuns.records).toEqual(oneByOne.records);
  expect(inRuns.decisions).toBe(oneByOne.decisions);
  return { oneByOne, inRuns };
}

describe('Quiet runs: a backtest decides candles sure to be quiet in one call, with the same result as one by one', () => {
  it.each(['ETH_BTC-1m.json', 'ADA_BTC-1m.json', 'XLM_BTC-1m.json', 'DASH_BTC-5m.json', 'LTC_BTC-5m.json', 'UNITTEST_BTC-30m.json'])('over the real candles of %s: same trades, equity curve, rejections, records and decision count', async (name) => {
    const source = await loadCandleFile(`${DATA}/${name}`);
    const config = BacktestConfigSchema.parse({});
    const market = inferMarket(source.symbol, source.candles, config.feeRate);
    const { oneByOne, inRuns } = await bothWays(source, market, config);
    expect(oneByOne.result.trades.length).toBeGreaterThan(0);
    // Not vacuous: a good part of the candles were taken in by the strategy's skipQuiet, not evaluated one by one.
    expect(inRuns.evaluated).toBeLessThan(oneByOne.evaluated * 0.8);
    // Candles with a plan open go in runs too (inside the plans' and the venue's quiet band), not one call each.
    expect(inRuns.skipCalls).toBeLessThan(oneByOne.evaluated * 0.25);
  });

  it.each([
    ['ETH_BTC-1m.json', 'exchange'],
    ['XLM_BTC-1m.json', 'bot'],
  ] as const)('over %s with a trailing stop and an age limit, stops held by the %s: the same result', async (name, stops) => {
    const source = await loadCandleFile(`${DATA}/${name}`);
    const config = BacktestConfigSchema.parse({ strategy: { name: 'ema-crossover', params: { trailingStopPct: 0.002, maxAgeCandles: 240 } }, execution: { stops } });
    const market = inferMarket(source.symbol, source.candles, config.feeRate);
    const { oneByOne } = await bothWays(source, market, config);
    expect(oneByOne.result.trades.filter((trade) => trade.exitReason === 'trailing_stop').length).toBeGreaterThan(0);
  });

  it('over random walks with gaps, flat stretches, jumps and midnights, for both built-in strategies, trails and age limits, stops on the venue or watched by the bot', async () => {
    const strategies = [
      { name: 'ema-crossover', params: { fastPeriod: 3, slowPeriod: 7, atrPeriod: 5 } },
      { name: 'rsi-mean-reversion', params: { period: 4, atrPeriod: 4 } },
    ];
    const exits = fc.record({ trailingStopPct: fc.constantFrom(undefined, 0.002, 0.01), maxAgeCandles: fc.constantFrom(undefined, 3, 12) });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(walkCaseArb(ETH_BTC, { min: 20, max: 160 }), walkCaseArb(XLM_BTC, { min: 20, max: 160 })),
        fc.constantFrom(...strategies),
        exits,
        fc.constantFrom('exchange' as const, 'bot' as const),
        fc.integer({ min: 8, max: 40 }),
        async (walk, strategy, exit, stops, windowSize) => {
          const params = { ...strategy.params, ...Object.fromEntries(Object.entries(exit).filter(([, value]) => value !== undefined)) };
          const config = BacktestConfigSchema.parse({ windowSize, strategy: { name: strategy.name, params }, execution: { stops }, risk: { maxSymbolExposurePct: 1, maxTotalExposurePct: 1 } });
          await bothWays(seriesOf(walk), walk.market, config);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('leaves every candle to `decide` when the strategy cannot skip (no skipQuiet)', async () => {
    const source = await loadCandleFile(`${DATA}/ETH_BTC-1m.json`);
    const config = BacktestConfigSchema.parse({});
    const market = inferMarket(source.symbol, source.candles, config.feeRate);
    const series = { ...source, candles: source.candles.slice(0, 4_000) };
    const oneByOne = await backtest(series, market, config, false, true);
    const inRuns = await backtest(series, market, config, true, true);
    expect(inRuns.result).toEqual(oneByOne.result);
    expect(inRuns.evaluated).toBe(oneByOne.evaluated);
    expect(inRuns.evaluated).toBeGreaterThan(3_000);
  });
});
