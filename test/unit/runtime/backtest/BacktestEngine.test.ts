import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../lib/domain/candle.js';
import { BacktestConfigSchema } from '../../../../lib/domain/config.js';
import type { PlanProposal } from '../../../../lib/domain/plan.js';
import { BacktestEngine } from '../../../../lib/runtime/backtest/BacktestEngine.js';
import type { Strategy } from '../../../../lib/strategy/Strategy.js';
import { aMarket } from '../../../support/marketFixture.js';

const T0 = Date.UTC(2018, 0, 20, 6, 0);
const MINUTE = 60_000;

function candles(rows: [number, number, number, number][]): Candle[] {
  return rows.map(([open, high, low, close], i) => ({ openTime: T0 + i * MINUTE, open, high, low, close, volume: 1 }));
}

/** Proposes one long at the first candle's close: stop 0.098, target 0.104. */
const oneLong: Strategy = {
  name: 'one-long',
  warmupCandles: 1,
  evaluate(context) {
    if (context.window.last().openTime !== T0) return [];
    const proposal: PlanProposal = { symbol: 'ETH/BTC', side: 'long', entry: 0.1, stop: 0.098, target: 0.104, reason: 'fixture' };
    return [proposal];
  },
};

function engineFor(rows: [number, number, number, number][]) {
  const config = BacktestConfigSchema.parse({ risk: { maxSymbolExposurePct: 1, maxTotalExposurePct: 1 } });
  return new BacktestEngine({
    series: [{ file: 'fixture', symbol: 'ETH/BTC', timeframe: '1m', candles: candles(rows) }],
    markets: [aMarket()],
    strategy: oneLong,
    config,
    startingBalances: { BTC: '1' },
    quoteCurrency: 'BTC',
  });
}

describe('Class: BacktestEngine', () => {
  it('fills the entry at the next open plus slippage and the target at its price, with exact PnL', async () => {
    const engine = engineFor([
      [0.1, 0.1, 0.1, 0.1],
      [0.1, 0.101, 0.0995, 0.1],
      [0.1, 0.105, 0.0999, 0.103],
    ]);
    const result = await engine.run();
    // Risk 0.01 BTC over 0.002 a unit: 5 ETH. Entry 0.1 × 1.0005 = 0.10005: cost 0.50025, fee 0.00050025.
    // Target 0.104: proceeds 0.52, fee 0.00052. PnL 0.52 − 0.00052 − 0.50025 − 0.00050025.
    expect(result.trades).toHaveLength(1);
    expect(result.trades[0]).toMatchObject({ amount: '5', avgEntryPrice: '0.10005', avgExitPrice: '0.104', exitReason: 'target', feesPaid: '0.00102025', realizedPnl: '0.01872975' });
    expect(result.finalBalances).toEqual({ BTC: '1.01872975', ETH: '0' });
    expect(result.finalEquity).toBe('1.01872975');
    expect(result.feesPaid).toBe('0.00102025');
  });

  it('exits at the stop when one candle reaches both stop and target', async () => {
    const engine = engineFor([
      [0.1, 0.1, 0.1, 0.1],
      [0.1, 0.101, 0.0995, 0.1],
      [0.1, 0.105, 0.097, 0.1],
    ]);
    const result = await engine.run();
    // Stop 0.098 less 0.05 % slippage = 0.097951: proceeds 0.489755, fee 0.000489755.
    // 0.489755 − 0.000489755 − 0.50025 − 0.00050025 = −0.011485005.
    expect(result.trades[0]).toMatchObject({ exitReason: 'stop', avgExitPrice: '0.097951', realizedPnl: '-0.011485005' });
    expect(result.finalBalances).toEqual({ BTC: '0.988514995', ETH: '0' });
  });

  it('cancels the plan when the venue cannot fill the entry at a gapped-up open, and nothing moves', async () => {
    const engine = engineFor([
      [0.1, 0.1, 0.1, 0.1],
      [0.25, 0.25, 0.25, 0.25],
      [0.25, 0.25, 0.25, 0.25],
    ]);
    const result = await engine.run();
    expect(result.openPlans).toBe(0);
    expect(result.trades).toHaveLength(0);
    expect(result.finalBalances).toEqual({ BTC: '1' });
    expect((await engine.exchange.fetchFills('ETH/BTC', 0)).length).toBe(0);
  });

  it('leaves one decision record per candle', async () => {
    const engine = engineFor([
      [0.1, 0.1, 0.1, 0.1],
      [0.1, 0.101, 0.0995, 0.1],
    ]);
    await engine.run();
    expect(engine.telemetry.records().map((r) => r.candleOpenTime)).toEqual([T0, T0 + MINUTE]);
    expect(engine.telemetry.records()[0]?.verdicts[0]).toMatchObject({ approved: true, amount: '5' });
  });
});
