import { describe, expect, it } from 'vitest';
import { toOrder } from '../../../../lib/adapters/ccxt/toOrder.js';
import type { CcxtOrder } from '../../../../lib/adapters/ccxt/CcxtClient.js';
import { BadResponse } from '../../../../lib/adapters/ccxt/ccxtErrors.js';

const FALLBACK = Date.UTC(2026, 10, 22);

function aStopAnswer(timestamp: number | undefined): CcxtOrder {
  return { id: '42', clientOrderId: 'bot-abc-s0', symbol: 'LTC/BTC', side: 'sell', type: 'stop_loss_limit', status: 'open', amount: 17.523, filled: 0, price: 0.01696, triggerPrice: 0.01705, timestamp, info: { executedQty: '0.00000000' } };
}

/** An open limit buy as ccxt's binance parser reads an answer without `executedQty`: filled 0. */
function anOpenAnswerWithout(info: Record<string, unknown>): CcxtOrder {
  return { id: '43', clientOrderId: 'bot-abc-e0', symbol: 'LTC/BTC', side: 'buy', type: 'limit', status: 'open', amount: 2, filled: 0, price: 0.016, timestamp: FALLBACK, info };
}

describe('Function: toOrder', () => {
  it("takes a new stop's timestamp of -1 (Binance's workingTime before the trigger) for no time and uses the fallback", () => {
    expect(toOrder(aStopAnswer(-1), 'binance', FALLBACK)).toEqual({
      clientOrderId: 'bot-abc-s0',
      exchangeOrderId: '42',
      symbol: 'LTC/BTC',
      side: 'sell',
      type: 'stop_market',
      status: 'open',
      amount: '17.523',
      filled: '0',
      price: '0.01696',
      stopPrice: '0.01705',
      timestamp: FALLBACK,
    });
  });

  it("keeps the venue's own timestamp when it is a time", () => {
    expect(toOrder(aStopAnswer(1_516_424_700_000), 'binance', FALLBACK).timestamp).toBe(1_516_424_700_000);
    expect(toOrder(aStopAnswer(undefined), 'binance', FALLBACK).timestamp).toBe(FALLBACK);
  });

  it("refuses a Binance open order whose answer states no filled quantity, which ccxt reads as 0", () => {
    expect(() => toOrder(anOpenAnswerWithout({ orderId: 43, status: 'NEW', origQty: '2' }), 'binance', FALLBACK)).toThrow(
      "order 43 (bot-abc-e0): filled is missing (the venue's executedQty or filledQty)",
    );
    expect(() => toOrder(anOpenAnswerWithout({ orderId: 43, status: 'NEW', executedQty: '' }), 'binanceus', FALLBACK)).toThrow(BadResponse);
  });

  it("reads a Binance open order whose answer states 0 filled as untouched", () => {
    expect(toOrder(anOpenAnswerWithout({ orderId: 43, status: 'NEW', executedQty: '0.00000000' }), 'binance', FALLBACK).filled).toBe('0');
  });

  it("leaves a venue whose ccxt parser keeps a missing filled quantity undefined to the filled check", () => {
    expect(toOrder(anOpenAnswerWithout({ ordId: '43' }), 'okx', FALLBACK).filled).toBe('0');
    expect(() => toOrder({ ...anOpenAnswerWithout({ ordId: '43' }), filled: undefined }, 'okx', FALLBACK)).toThrow('filled is missing');
  });
});
