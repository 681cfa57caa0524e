import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../lib/domain/candle.js';
import { ArrayCandleWindow } from '../../../../lib/domain/candleWindow.js';
import type { SizerConfig } from '../../../../lib/domain/config.js';
import { Decimal } from '../../../../lib/domain/decimal.js';
import { assessProposal } from '../../../../lib/services/risk/assessProposal.js';
import { averageTrueRange, kellyRiskFraction } from '../../../../lib/services/risk/createSizer.js';
import { sizePosition, type SizingProspect } from '../../../../lib/services/risk/sizePosition.js';
import { context, proposal, riskConfig } from './riskFixtures.js';

function candle(openTime: number, high: number, low: number, close: number): Candle {
  return { openTime, open: close, high, low, close, volume: 1 };
}

/** True ranges 1.5, 0.5 and 1 after the first candle: an ATR(3) of exactly 1. */
const WINDOW = ArrayCandleWindow.of([
  candle(0, 10.5, 9.5, 10),
  candle(1, 11, 9.5, 10.5),
  candle(2, 10.75, 10.25, 10.5),
  candle(3, 11, 10, 10.5),
]);

function size(sizer: SizerConfig, entry: string, stop: string, overrides: Parameters<typeof context>[0] = {}, prospect?: SizingProspect) {
  const result = sizePosition(new Decimal(entry), new Decimal(stop), context({ config: riskConfig({ sizer }), ...overrides }), prospect);
  return { amount: result.amount.toFixed(), binding: result.binding };
}

describe('Function: createSizer (through sizePosition)', () => {
  it('sizes fixed-fraction by the loss at the stop, as before the factory', () => {
    // 1 × 0.01 / (0.1 − 0.098) = 5
    expect(size({ name: 'fixed-fraction' }, '0.1', '0.098')).toEqual({ amount: '5', binding: 'risk' });
  });

  it('spends the fixed quote amount whatever the stop', () => {
    // 0.25 / 0.1 = 2.5, the same with a stop ten times further
    expect(size({ name: 'fixed-quote', quoteAmount: '0.25' }, '0.1', '0.098')).toEqual({ amount: '2.5', binding: 'risk' });
    expect(size({ name: 'fixed-quote', quoteAmount: '0.25' }, '0.1', '0.08')).toEqual({ amount: '2.5', binding: 'risk' });
  });

  it('sizes a volatility target so one ATR moves equity by the configured fraction', () => {
    const overrides = { equity: new Decimal('1000'), quoteFree: new Decimal('1000'), window: WINDOW, market: { ...context().market, symbol: 'ETH/BTC' } };
    // 1000 × 0.005 / ATR 1 = 5
    expect(size({ name: 'volatility-target', atrPeriod: 3, equityFractionPerAtr: 0.005 }, '10.5', '10', overrides)).toEqual({ amount: '5', binding: 'risk' });
  });

  it('sizes nothing on a volatility target until the window holds period + 1 candles', () => {
    expect(size({ name: 'volatility-target', atrPeriod: 4, equityFractionPerAtr: 0.005 }, '10.5', '10', { window: WINDOW })).toEqual({ amount: '0', binding: 'risk' });
    expect(size({ name: 'volatility-target', atrPeriod: 3, equityFractionPerAtr: 0.005 }, '10.5', '10')).toEqual({ amount: '0', binding: 'risk' });
  });

  it('risks the capped fraction of the Kelly fraction from pWin and reward to risk', () => {
    const prospect = { target: new Decimal('0.12'), pWin: 0.6 };
    // b = 0.02 / 0.01 = 2; Kelly 0.6 − 0.4 / 2 = 0.4; a tenth of it, 0.04 of equity 1, over a stop 0.01 away = 4
    expect(size({ name: 'kelly', kellyFraction: 0.1, maxRiskFraction: 0.5 }, '0.1', '0.09', {}, prospect)).toEqual({ amount: '4', binding: 'risk' });
    // a quarter, 0.1, is capped at 0.02: 2
    expect(size({ name: 'kelly', kellyFraction: 0.25, maxRiskFraction: 0.02 }, '0.1', '0.09', {}, prospect)).toEqual({ amount: '2', binding: 'risk' });
  });

  it('sizes nothing by Kelly without a pWin or without an edge', () => {
    const kelly: SizerConfig = { name: 'kelly', kellyFraction: 0.25, maxRiskFraction: 0.02 };
    expect(size(kelly, '0.1', '0.09', {}, { target: new Decimal('0.12') })).toEqual({ amount: '0', binding: 'risk' });
    // 0.3 − 0.7 / 2 < 0
    expect(size(kelly, '0.1', '0.09', {}, { target: new Decimal('0.12'), pWin: 0.3 })).toEqual({ amount: '0', binding: 'risk' });
  });

  it('lets the caps cut a sizer that asks for more', () => {
    // 0.25 / 0.1 = 2.5 ETH asked; the symbol cap leaves 0.1 of quote: 1 ETH
    expect(size({ name: 'fixed-quote', quoteAmount: '0.25' }, '0.1', '0.098', { config: riskConfig({ sizer: { name: 'fixed-quote', quoteAmount: '0.25' }, maxSymbolExposurePct: 0.1 }) })).toEqual({
      amount: '1',
      binding: 'symbol_exposure',
    });
  });

  it('has risk refuse a Kelly-sized proposal without a pWin as below the order minimum', () => {
    const verdict = assessProposal(proposal({ target: 0.104 }), context({ config: riskConfig({ sizer: { name: 'kelly', kellyFraction: 0.25, maxRiskFraction: 0.02 } }) }));
    expect(verdict).toMatchObject({ approved: false, rejection: { code: 'order_value_below_min', value: '0' } });
  });

  it('has risk size an approved proposal by its pWin', () => {
    const verdict = assessProposal(proposal({ entry: 0.1, stop: 0.09, target: 0.12, pWin: 0.6 }), context({ config: riskConfig({ sizer: { name: 'kelly', kellyFraction: 0.1, maxRiskFraction: 0.5 } }) }));
    expect(verdict).toMatchObject({ approved: true, amount: '4' });
  });
});

describe('Function: kellyRiskFraction', () => {
  it('is p − (1 − p) / b, exactly', () => {
    // b = 1.5 / 1; 0.55 − 0.45 / 1.5 = 0.25
    expect(kellyRiskFraction(0.55, new Decimal(100), new Decimal(99), new Decimal(101.5)).toFixed()).toBe('0.25');
  });
});

describe('Function: averageTrueRange', () => {
  it('averages the last period true ranges, each against the previous close', () => {
    expect(averageTrueRange(WINDOW, 3)).toBe(1);
    // 0.5 and 1
    expect(averageTrueRange(WINDOW, 2)).toBe(0.75);
  });
});
