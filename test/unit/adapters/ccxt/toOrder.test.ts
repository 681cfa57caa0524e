import { describe, expect, it } from 'vitest';
import { toOrder } from '../../../../lib/adapters/ccxt/toOrder.js';
import type { CcxtOrder } from '../../../../lib/adapters/ccxt/CcxtClient.js';

const FALLBACK = Date.UTC(2026, 10, 22);

function aStopAnswer(timestamp: number | undefined): CcxtOrder {
  return { id: '42', clientOrderId: 'bot-abc-s0', symbol: 'LTC/BTC', side: 'sell', type: 'stop_loss_limit', status: 'open', amount: 17.523, filled: 0, price: 0.01696, triggerPrice: 0.01705, timestamp };
}

describe('Function: toOrder', () => {
  it("takes a new stop's timestamp of -1 (Binance's workingTime before the trigger) for no time and uses the fallback", () => {
    expect(toOrder(aStopAnswer(-1), FALLBACK)).toEqual({
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
    expect(toOrder(aStopAnswer(1_516_424_700_000), FALLBACK).timestamp).toBe(1_516_424_700_000);
    expect(toOrder(aStopAnswer(undefined), FALLBACK).timestamp).toBe(FALLBACK);
  });
});
