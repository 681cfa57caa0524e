import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BacktestConfigSchema } from '../../../../lib/domain/config.js';
import { dec } from '../../../../lib/domain/decimal.js';
import type { ExitReason } from '../../../../lib/domain/plan.js';
import { createStrategy } from '../../../../lib/strategy/registry.js';
import type { Strategy } from '../../../../lib/strategy/Strategy.js';
import { ETH_BTC, MINUTE, XLM_BTC, type WalkCase, candlesOf, seriesOf, walkCaseArb } from './candleWalks.js';
import { proposeOften } from './proposeOften.js';
import { runChecked } from './runChecked.js';

/**
 * The ledger invariants (ledgerInvariants.ts) over random 1m candle walks (gaps, flat runs,
 * satoshi prices, jumps through stops and targets) decided by the backtest's DecisionCycle
 * over the memory ledger and the paper venue, checked between decisions and at the end.
 *
 * A failure stops at the first counterexample, unshrunk, to keep the run short; `SHRINK=1
 * npx vitest run <this file>` shrinks it to a small one (a minute or more).
 */
const endOnFailure = process.env.SHRINK === undefined;

const runSettings = fc.record({
  riskPerTradePct: fc.constantFrom(0.005, 0.02, 0.1),
  maxOpenPlans: fc.integer({ min: 1, max: 4 }),
  cooldownAfterStopMs: fc.constantFrom(0, 0, 5 * 60_000),
  dailyLossLimitPct: fc.constantFrom(1, 0.02),
  paperSlippagePct: fc.constantFrom(0, 0.0005, 0.003),
  quote: fc.constantFrom('1', '0.37', '25', '0.003'),
  heldBase: fc.option(fc.constantFrom('0.5', '12345'), { nil: undefined }),
});
type RunSettings = typeof runSettings extends fc.Arbitrary<infer T> ? T : never;

function configFor(settings: RunSettings) {
  return BacktestConfigSchema.parse({
    risk: {
      riskPerTradePct: settings.riskPerTradePct,
      maxOpenPlans: settings.maxOpenPlans,
      maxSymbolExposurePct: 1,
      maxTotalExposurePct: 1,
      minRewardToRisk: 0.5,
      dailyLossLimitPct: settings.dailyLossLimitPct,
      cooldownAfterStopMs: settings.cooldownAfterStopMs,
    },
    execution: { paperSlippagePct: settings.paperSlippagePct, maxEntrySlippagePct: 0.01 },
  });
}

function balancesFor(settings: RunSettings, walks: readonly WalkCase[]): Record<string, string> {
  const balances: Record<string, string> = { BTC: settings.quote };
  if (settings.heldBase !== undefined && walks[0]) balances[walks[0].market.base] = settings.heldBase;
  return balances;
}

/** What the runs did, so a property that never traded cannot pass unnoticed. */
class Coverage {
  runs = 0;
  runsWithTrades = 0;
  readonly exits = new Set<ExitReason>();

  note(trades: readonly { exitReason: string }[]): void {
    this.runs++;
    if (trades.length > 0) this.runsWithTrades++;
    for (const t of trades) this.exits.add(t.exitReason as ExitReason);
  }
}

async function holdsOn(walks: readonly WalkCase[], settings: RunSettings, strategy: Strategy, coverage: Coverage): Promise<void> {
  const { result, violations } = await runChecked({
    series: walks.map(seriesOf),
    markets: walks.map((w) => w.market),
    strategy,
    config: configFor(settings),
    startingBalances: balancesFor(settings, walks),
  });
  coverage.note(result.trades);
  expect(violations).toEqual([]);
}

const oneOrTwoSymbols = fc.oneof(
  fc.tuple(walkCaseArb(ETH_BTC, { min: 50, max: 400 })),
  fc.tuple(walkCaseArb(XLM_BTC, { min: 50, max: 400 })),
  fc.tuple(walkCaseArb(ETH_BTC, { min: 50, max: 250 }), walkCaseArb(XLM_BTC, { min: 50, max: 250 })),
);

const priceSteps = new Map([ETH_BTC, XLM_BTC].map((p) => [p.market.symbol, Number(p.market.priceStep)]));

describe('Function: candlesOf (the walks the properties run on)', () => {
  it('makes 1m candles in time order on the tick, high and low around open and close, all positive', () => {
    fc.assert(
      fc.property(fc.oneof(walkCaseArb(ETH_BTC, { min: 1, max: 100 }), walkCaseArb(XLM_BTC, { min: 1, max: 100 })), (walk) => {
        const candles = candlesOf(walk);
        const tick = dec(walk.market.priceStep);
        for (const [i, c] of candles.entries()) {
          expect(c.low).toBeGreaterThan(0);
          expect(c.high).toBeGreaterThanOrEqual(Math.max(c.open, c.close));
          expect(c.low).toBeLessThanOrEqual(Math.min(c.open, c.close));
          for (const price of [c.open, c.high, c.low, c.close]) expect(dec(price).mod(tick).isZero()).toBe(true);
          if (i > 0) expect((c.openTime - (candles[i - 1]?.openTime ?? 0)) % MINUTE === 0 && c.openTime > (candles[i - 1]?.openTime ?? 0)).toBe(true);
        }
      }),
    );
  });
});

describe('Class: DecisionCycle (properties, over the backtest)', () => {
  it('keeps balances, PnL, live plans, client order ids and fills in step with the venue under a churning strategy', async () => {
    const coverage = new Coverage();
    await fc.assert(
      fc.asyncProperty(oneOrTwoSymbols, runSettings, fc.integer(), fc.double({ min: 0.2, max: 0.9, noNaN: true }), (walks, settings, seed, chance) =>
        holdsOn(walks, settings, proposeOften({ seed, chance, priceSteps }), coverage),
      ),
      { numRuns: 150, endOnFailure },
    );
    expect(coverage.runsWithTrades).toBeGreaterThan(coverage.runs / 2);
    expect([...coverage.exits].sort()).toEqual(expect.arrayContaining(['max_age', 'stop', 'target', 'trailing_stop']));
  });

  it('keeps them under the built-in ema-crossover', async () => {
    const coverage = new Coverage();
    const emaParams = fc.record({
      fastPeriod: fc.integer({ min: 2, max: 5 }),
      slowPeriod: fc.integer({ min: 6, max: 12 }),
      trailingStopPct: fc.option(fc.constantFrom(0.003, 0.01), { nil: undefined }),
      maxAgeCandles: fc.option(fc.integer({ min: 2, max: 20 }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(oneOrTwoSymbols, runSettings, emaParams, (walks, settings, params) =>
        holdsOn(walks, settings, createStrategy({ name: 'ema-crossover', params: { ...params, atrPeriod: 5, stopAtr: 1, targetAtr: 2 } }), coverage),
      ),
      { numRuns: 80, endOnFailure },
    );
    expect(coverage.runsWithTrades).toBeGreaterThan(0);
  });
});
