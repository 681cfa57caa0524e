import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../../lib/domain/decimal.js';
import { sizePosition } from '../../../../lib/services/risk/sizePosition.js';
import { ETH_BTC, context, riskConfig } from './riskFixtures.js';

const entry = new Decimal('0.1');
const stop = new Decimal('0.098');

function size(overrides: Parameters<typeof context>[0] = {}) {
  const result = sizePosition(entry, stop, context(overrides));
  return { amount: result.amount.toFixed(), binding: result.binding };
}

describe('Function: sizePosition', () => {
  it('sizes by the risk budget when nothing caps it', () => {
    expect(size()).toEqual({ amount: '5', binding: 'risk' });
  });

  it('floors to the amount step, never rounding up past the budget', () => {
    // 0.999998 × 0.01 / 0.002 = 4.99999
    expect(size({ equity: new Decimal('0.999998') })).toEqual({ amount: '4.999', binding: 'risk' });
  });

  it('cuts the amount to the room under the symbol exposure cap', () => {
    const result = size({
      config: riskConfig({ maxSymbolExposurePct: 0.3 }),
      exposureBySymbol: new Map([['ETH/BTC', new Decimal('0.1')]]),
    });

    expect(result).toEqual({ amount: '2', binding: 'symbol_exposure' });
  });

  it('cuts the amount to the room under the total exposure cap, counting every symbol', () => {
    const result = size({
      config: riskConfig({ maxTotalExposurePct: 0.9 }),
      exposureBySymbol: new Map([
        ['ETH/BTC', new Decimal('0.2')],
        ['ADA/BTC', new Decimal('0.45')],
      ]),
    });

    expect(result).toEqual({ amount: '2.5', binding: 'total_exposure' });
  });

  it('cuts the amount to what the free quote pays with the taker fee', () => {
    // 0.2 / (0.1 × 1.001) = 1.998001998…
    expect(size({ quoteFree: new Decimal('0.2') })).toEqual({ amount: '1.998', binding: 'balance' });
  });

  it("cuts the amount to the market's maxAmount", () => {
    expect(size({ market: { ...ETH_BTC, maxAmount: '1.5' } })).toEqual({ amount: '1.5', binding: 'max_amount' });
  });

  it('names the risk budget when a cap allows exactly the same amount', () => {
    const result = size({ config: riskConfig({ maxSymbolExposurePct: 0.5 }) });

    expect(result).toEqual({ amount: '5', binding: 'risk' });
  });

  it('names the balance when it binds by less than the 40th digit of the risk budget', () => {
    // 0.01 / 0.002 = 5 to buy, and (0.5005 − 1e-45) / 0.1001 = 5 − 1e-44 (about) for the balance: equal
    // in 40 digits, but the balance is what binds, and the amount stays under it.
    const quoteFree = new Decimal('0.500499999999999999999999999999999999999999999');
    expect(quoteFree.lt('0.5005')).toBe(true);

    expect(size({ quoteFree })).toEqual({ amount: '4.999', binding: 'balance' });
  });

  it('sizes nothing when exposure already passes the cap', () => {
    const result = size({
      config: riskConfig({ maxSymbolExposurePct: 0.3 }),
      exposureBySymbol: new Map([['ETH/BTC', new Decimal('0.4')]]),
    });

    expect(result).toEqual({ amount: '0', binding: 'symbol_exposure' });
  });

  it('sizes nothing when an exposure is not a number', () => {
    const result = size({ exposureBySymbol: new Map([['ADA/BTC', new Decimal(NaN)]]) });

    expect(result).toEqual({ amount: '0', binding: 'total_exposure' });
  });

  it('reports the exposures and caps it sized against', () => {
    const result = sizePosition(
      entry,
      stop,
      context({
        config: riskConfig({ maxSymbolExposurePct: 0.3, maxTotalExposurePct: 0.9 }),
        exposureBySymbol: new Map([
          ['ETH/BTC', new Decimal('0.1')],
          ['ADA/BTC', new Decimal('0.25')],
        ]),
      }),
    );

    expect([result.symbolExposure, result.symbolCap, result.totalExposure, result.totalCap].map((d) => d.toFixed())).toEqual([
      '0.1',
      '0.3',
      '0.35',
      '0.9',
    ]);
  });
});
