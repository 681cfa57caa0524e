import { describe, expect, it, vi } from 'vitest';
import type { Candle } from '../../../../lib/domain/candle.js';
import { BacktestConfigSchema, ShadowConfigSchema } from '../../../../lib/domain/config.js';
import type { PlanProposal } from '../../../../lib/domain/plan.js';
import { BacktestEngine } from '../../../../lib/runtime/backtest/BacktestEngine.js';
import { MAIN_SHADOW_ID, proposesNothing, shadowOnlyConfig } from '../../../../lib/runtime/backtest/shadowOnly.js';
import { buildReport } from '../../../../lib/runtime/backtest/report/buildReport.js';
import { renderHtml } from '../../../../lib/runtime/backtest/report/renderHtml.js';
import type { Strategy } from '../../../../lib/strategy/Strategy.js';
import { aMarket } from '../../../support/marketFixture.js';

const T0 = Date.UTC(2018, 0, 20, 6, 0);
const MINUTE = 60_000;
type Row = [number, number, number, number];
const FLAT: Row = [0.1, 0.1, 0.1, 0.1];
/** The target 0.104 is reached on the fourth candle (see BacktestEngine.test.ts for the fill arithmetic). */
const TARGET_RUN: Row[] = [FLAT, FLAT, [0.1, 0.101, 0.0995, 0.1], [0.1, 0.105, 0.0999, 0.103], [0.103, 0.104, 0.102, 0.103]];

function candles(rows: Row[]): Candle[] {
  return rows.map(([open, high, low, close], i) => ({ openTime: T0 + i * MINUTE, open, high, low, close, volume: 1 }));
}

/** One long with a pWin at the close of the run's first decided candle. */
function oneLong(name: string): Strategy {
  return {
    name,
    warmupCandles: 1,
    evaluate(context) {
      if (context.window.last().openTime !== T0 + MINUTE) return [];
      const proposal: PlanProposal = { symbol: 'ETH/BTC', side: 'long', entry: 0.1, stop: 0.098, target: 0.104, pWin: 0.6, reason: 'fixture' };
      return [proposal];
    },
  };
}

const quiet: Strategy = { name: 'quiet', warmupCandles: 1, evaluate: () => [] };

const failing: Strategy = {
  name: 'failing',
  warmupCandles: 1,
  evaluate() {
    throw new Error('shadow model broke');
  },
};

function engineFor(live: Strategy, shadows: { id: string; strategy: Strategy }[]) {
  const config = BacktestConfigSchema.parse({ windowSize: 2, risk: { maxSymbolExposurePct: 1, maxTotalExposurePct: 1 }, execution: { stops: 'exchange' } });
  return new BacktestEngine({
    series: [{ file: 'fixture', symbol: 'ETH/BTC', timeframe: '1m', candles: candles(TARGET_RUN) }],
    markets: [aMarket()],
    strategy: live,
    config,
    startingBalances: { BTC: '1' },
    quoteCurrency: 'BTC',
    shadows: shadows.map(({ id, strategy }) => ({ shadow: ShadowConfigSchema.parse({ id, strategy: strategy.name }), strategy })),
  });
}

describe('Shadow strategies in the DecisionCycle (backtest)', () => {
  it('never sends an order to the live venue nor writes the live ledger, while the shadow trades its virtual book', async () => {
    const engine = engineFor(quiet, [{ id: 'challenger', strategy: oneLong('one-long') }]);
    const createOrder = vi.spyOn(engine.exchange, 'createOrder');
    const commit = vi.spyOn(engine.ledger, 'commit');

    const result = await engine.run();

    expect(createOrder).not.toHaveBeenCalled();
    // The live book's only write is its own day rolling over: no plan, order or fill in it.
    for (const [change] of commit.mock.calls) expect([change.plans.length, change.orders.length, change.fills.length]).toEqual([0, 0, 0]);
    expect(engine.ledger.closedPlans).toEqual([]);
    expect(engine.ledger.livePlans()).toEqual([]);
    expect(result.trades).toEqual([]);
    expect(result.ordersSent).toBe(0);
    expect(result.finalBalances).toEqual({ BTC: '1' });
    // The shadow's plan went the way a live one does, with the same fill model: 5 ETH, out at the target.
    expect(result.shadows).toHaveLength(1);
    const shadow = result.shadows?.[0];
    expect(shadow?.trades).toHaveLength(1);
    expect(shadow?.trades[0]).toMatchObject({ amount: '5', avgEntryPrice: '0.10005', avgExitPrice: '0.102948', exitReason: 'target', realizedPnl: '0.01346103' });
    expect(shadow?.finalEquity).toBe('1.01346103');
    expect(shadow?.realizedPnl).toBe('0.01346103');
    // One outcome, predicted 0.6, won: Brier (1 − 0.6)².
    expect(shadow?.calibration.outcomes).toBe(1);
    expect(shadow?.calibration.brier).toBeCloseTo(0.16, 12);
  });

  it('gives a shadow running the main strategy the same trades as the live book', async () => {
    const result = await engineFor(oneLong('one-long'), [{ id: 'twin', strategy: oneLong('one-long') }]).run();

    expect(result.trades).toHaveLength(1);
    expect(result.shadows?.[0]?.trades).toEqual(result.trades);
    expect(result.shadows?.[0]?.finalEquity).toBe(result.finalEquity);
  });

  it('keeps deciding live when a shadow strategy throws', async () => {
    const result = await engineFor(oneLong('one-long'), [{ id: 'broken', strategy: failing }]).run();

    expect(result.trades).toHaveLength(1);
    expect(result.finalEquity).toBe('1.01346103');
    expect(result.shadows?.[0]?.trades).toEqual([]);
  });

  it('shows live beside each shadow in the report, with a reliability diagram each', async () => {
    const result = await engineFor(quiet, [{ id: 'challenger', strategy: oneLong('one-long') }]).run();
    const report = buildReport(result);

    expect(report.books?.map((b) => [b.book, b.strategy, b.trades, b.realizedPnl, b.winRatePct, b.calibration?.outcomes])).toEqual([
      ['live', 'quiet', 0, '0', 0, 0],
      ['challenger', 'one-long', 1, '0.01346103', 100, 1],
    ]);
    expect(report.books?.[1]?.totalReturnPct).toBe(1.3461);
    const html = renderHtml(report);
    expect(html).toContain('Live and shadow strategies');
    expect(html.match(/class="chart reliability"/g)).toHaveLength(2);
  });

  it('runs the main strategy as the shadow "main" in a shadow-only run, and the live book sends nothing', async () => {
    const config = shadowOnlyConfig(BacktestConfigSchema.parse({ strategy: { name: 'ema-crossover' }, shadow: [{ id: 'rsi', strategy: 'rsi-mean-reversion' }] }));
    expect(config.shadow.map((s) => [s.id, s.strategy])).toEqual([
      [MAIN_SHADOW_ID, 'ema-crossover'],
      ['rsi', 'rsi-mean-reversion'],
    ]);
    expect(() => shadowOnlyConfig({ ...config })).toThrow(/"main" is the main strategy's/);

    const main = oneLong('one-long');
    const engine = engineFor(proposesNothing(main), [{ id: MAIN_SHADOW_ID, strategy: main }]);
    const createOrder = vi.spyOn(engine.exchange, 'createOrder');
    const result = await engine.run();

    expect(createOrder).not.toHaveBeenCalled();
    expect(result.strategy).toBe('one-long (shadow only)');
    expect(result.trades).toEqual([]);
    expect(result.shadows?.[0]).toMatchObject({ id: 'main', finalEquity: '1.01346103' });
  });
});
