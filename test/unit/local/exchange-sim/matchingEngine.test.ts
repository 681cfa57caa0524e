import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../lib/domain/candle.js';
import { dec } from '../../../../lib/domain/decimal.js';
import { cancelOrder } from '../../../../lib/local/exchange-sim/cancelOrder.js';
import { VenueError } from '../../../../lib/local/exchange-sim/errors.js';
import { buyLock, fillAmounts } from '../../../../lib/domain/venueFill.js';
import type { VenueState } from '../../../../lib/local/exchange-sim/VenueState.js';
import { type NewOrderRequest, placeOrder } from '../../../../lib/local/exchange-sim/placeOrder.js';
import { type AdaBtcVenueOptions, MINUTE, adaBtcVenue } from './adaBtcVenue.js';

// Prices near 5e-05, as ADA/BTC traded in January 2018.
const CANDLES: Candle[] = [
  { openTime: 0, open: 0.00005, high: 0.0000502, low: 0.0000499, close: 0.00005, volume: 1000 },
  { openTime: MINUTE, open: 0.00005001, high: 0.0000503, low: 0.00004995, close: 0.00005, volume: 1000 },
  { openTime: 2 * MINUTE, open: 0.00005, high: 0.00005, low: 0.00004901, close: 0.0000491, volume: 1000 },
  { openTime: 3 * MINUTE, open: 0.0000491, high: 0.0000492, low: 0.000049, close: 0.0000491, volume: 1000 },
];

function venue(options: AdaBtcVenueOptions = {}): ReturnType<typeof adaBtcVenue> {
  return adaBtcVenue(CANDLES, options);
}

function order(fields: Partial<NewOrderRequest>): NewOrderRequest {
  return {
    symbol: 'ADABTC',
    side: 'BUY',
    type: 'LIMIT',
    timeInForce: 'GTC',
    quantity: undefined,
    quoteOrderQty: undefined,
    price: undefined,
    stopPrice: undefined,
    clientOrderId: 'c1',
    ...fields,
  };
}

function balance(state: VenueState, asset: string): { free: string; locked: string } {
  const { free, locked } = state.balances.get(asset);
  return { free: free.toFixed(), locked: locked.toFixed() };
}

describe('Function: fillAmounts', () => {
  it('charges a buy in the base asset and a sell in the quote asset, to 8 places', () => {
    const buy = fillAmounts('BUY', dec('0.00004999'), dec('333'), dec('0.001'));
    expect([buy.quoteQty, buy.commission, buy.received, buy.spent].map((d) => d.toFixed())).toEqual(['0.01664667', '0.333', '332.667', '0.01664667']);
    const sell = fillAmounts('SELL', dec('0.00004999'), dec('333'), dec('0.001'));
    expect([sell.quoteQty, sell.commission, sell.received, sell.spent].map((d) => d.toFixed())).toEqual(['0.01664667', '0.00001665', '0.01663002', '333']);
  });

  it('rounds a fill cost down and a lock up, so fills never spend more than was locked', () => {
    expect(fillAmounts('BUY', dec('0.01234567'), dec('0.123'), dec('0')).quoteQty.toFixed()).toBe('0.00151851');
    expect(buyLock(dec('0.01234567'), dec('0.123')).toFixed()).toBe('0.00151852');
  });
});

describe('Function: placeOrder and matchCandle', () => {
  it('fills a market buy at the ask and takes the fee from the ADA received', () => {
    const { state } = venue({ spread: '0.001' });
    const { fills } = placeOrder(state, order({ type: 'MARKET', timeInForce: undefined, quantity: dec('1000') }));
    // price 0.00005001 × 1.001 = 0.00005006001 → ask 0.00005007
    expect(fills.map((f) => [f.price.toFixed(), f.qty.toFixed(), f.commission.toFixed(), f.commissionAsset])).toEqual([['0.00005007', '1000', '1', 'ADA']]);
    expect(balance(state, 'BTC')).toEqual({ free: '0.94993', locked: '0' });
    expect(balance(state, 'ADA')).toEqual({ free: '5999', locked: '0' });
  });

  it('fills a market buy by quote amount with the largest whole lot it pays for', () => {
    const { state } = venue();
    const { order: placed } = placeOrder(state, order({ type: 'MARKET', timeInForce: undefined, quoteOrderQty: dec('0.01') }));
    expect([placed.origQty.toFixed(), placed.cummulativeQuoteQty.toFixed(), placed.status]).toEqual(['199', '0.00995199', 'FILLED']);
  });

  it('fills a resting limit buy in pieces, spending its lock exactly and releasing the rest when done', () => {
    const { state, advanceTo } = venue({ partialFills: { maxFillFractionPerCandle: '0.5' } });
    const { order: placed } = placeOrder(state, order({ quantity: dec('301'), price: dec('0.00004999') }));
    expect(balance(state, 'BTC')).toEqual({ free: '0.98495301', locked: '0.01504699' });

    advanceTo(3 * MINUTE); // candles 1 and 2 reach 0.00004999: 150 then 150
    expect([placed.executedQty.toFixed(), placed.status]).toEqual(['300', 'PARTIALLY_FILLED']);
    expect(balance(state, 'BTC')).toEqual({ free: '0.98495301', locked: '0.00004999' });

    advanceTo(4 * MINUTE);
    expect([placed.executedQty.toFixed(), placed.status]).toEqual(['301', 'FILLED']);
    expect(state.book.allTrades().map((t) => [t.qty.toFixed(), t.commission.toFixed(), t.isMaker])).toEqual([
      ['150', '0.1125', true],
      ['150', '0.1125', true],
      ['1', '0.00075', true],
    ]);
    expect(balance(state, 'BTC')).toEqual({ free: '0.98495301', locked: '0' });
    expect(balance(state, 'ADA')).toEqual({ free: '5300.77425', locked: '0' });
  });

  it('releases exactly the unfilled part of the lock on cancel', () => {
    const { state, advanceTo } = venue({ partialFills: { maxFillFractionPerCandle: '0.5' } });
    placeOrder(state, order({ quantity: dec('301'), price: dec('0.00004999') }));
    advanceTo(2 * MINUTE);
    const cancelled = cancelOrder(state, new URLSearchParams({ symbol: 'ADABTC', origClientOrderId: 'c1' }));
    expect([cancelled.status, cancelled.executedQty.toFixed()]).toEqual(['CANCELED', '150']);
    // 1 − 150 × 0.00004999 = 0.9925015
    expect(balance(state, 'BTC')).toEqual({ free: '0.9925015', locked: '0' });
  });

  it('does not match an order against the candle in progress when it was placed', () => {
    const { state, advanceTo } = venue();
    const { order: placed } = placeOrder(state, order({ quantity: dec('10'), price: dec('0.00004995') }));
    advanceTo(1.5 * MINUTE);
    expect(placed.status).toBe('NEW');
  });

  it('triggers a stop-loss-limit sell on the candle whose low crosses the stop, taking the bid there within its limit, as a taker, dated at the candle open', () => {
    const { state, advanceTo } = venue();
    const { order: placed } = placeOrder(state, order({ side: 'SELL', type: 'STOP_LOSS_LIMIT', quantity: dec('100'), price: dec('0.0000492'), stopPrice: dec('0.0000493') }));
    advanceTo(2 * MINUTE);
    expect(placed.isWorking).toBe(false);
    advanceTo(3 * MINUTE);
    expect([placed.isWorking, placed.status]).toEqual([true, 'FILLED']);
    const [trade] = state.book.allTrades();
    // Triggered at its stop 0.0000493: the bid there (no spread here) is within the limit 0.0000492, so it takes 0.0000493, not its limit.
    expect([trade?.price.toFixed(), trade?.quoteQty.toFixed(), trade?.commission.toFixed(), trade?.isMaker, trade?.time]).toEqual(['0.0000493', '0.00493', '0.00000493', false, 2 * MINUTE]);
    expect(balance(state, 'BTC')).toEqual({ free: '1.00492507', locked: '0' });
  });

  it('rejects without changing anything: filters, duplicates, balance', () => {
    const { state } = venue();
    placeOrder(state, order({ quantity: dec('10'), price: dec('0.00004') }));
    const before = [balance(state, 'BTC'), state.book.all().length];
    const codes = [
      order({ quantity: dec('10.5'), price: dec('0.00004'), clientOrderId: 'x' }),
      order({ quantity: dec('10'), price: dec('0.000040001'), clientOrderId: 'x' }),
      order({ quantity: dec('1'), price: dec('0.00004'), clientOrderId: 'x' }),
      order({ quantity: dec('10'), price: dec('0.00004') }),
      order({ quantity: dec('100000'), price: dec('0.00004'), clientOrderId: 'x' }),
    ].map((request) => {
      try {
        placeOrder(state, request);
        return 'placed';
      } catch (error) {
        return error instanceof VenueError ? `${error.code} ${error.msg}` : String(error);
      }
    });
    expect(codes).toEqual([
      '-1013 Filter failure: LOT_SIZE',
      '-1013 Filter failure: PRICE_FILTER',
      '-1013 Filter failure: NOTIONAL',
      '-2010 Duplicate order sent.',
      '-2010 Account has insufficient balance for requested action.',
    ]);
    expect([balance(state, 'BTC'), state.book.all().length]).toEqual(before);
  });
});
