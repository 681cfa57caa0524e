import ccxt from 'ccxt';
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

/**
 * Binance's documented order statuses (binance-spot-api-docs enums.md), each read by ccxt's own
 * binance parser, then by toOrder. The simulator produces every one a single order of ours can
 * reach (EXPIRED_IN_MATCH by self-trade prevention in EXPIRE_MAKER mode); REJECTED is the
 * venue's status for an order the engine did not take, which its REST API answers to a new
 * order with an error (-2010, -1013) and no order, and shows only for contingent orders (order
 * lists, OTO) and cancel-replace, which the bot does not send. Read anyway, it must end the
 * order; statuses the bot cannot name keep it open, the reading that never forgets an order
 * that may still fill.
 */
describe('Function: toOrder, on every Binance order status as ccxt parses it', () => {
  const binance = new ccxt.binance();
  const answer = (status: string, executedQty = '0.000') =>
    binance.parseOrder({ symbol: 'LTCBTC', orderId: 7, orderListId: -1, clientOrderId: 'bot-abc-e0', transactTime: FALLBACK, price: '0.00000000', origQty: '2.000', executedQty, cummulativeQuoteQty: '0.00000000', status, timeInForce: 'GTC', type: 'MARKET', side: 'BUY', workingTime: FALLBACK, selfTradePreventionMode: 'EXPIRE_MAKER' }) as CcxtOrder;

  it.each([
    ['NEW', 'open'],
    ['PENDING_NEW', 'open'],
    ['PARTIALLY_FILLED', 'open'],
    ['PENDING_CANCEL', 'open'],
    ['CANCELED', 'canceled'],
    ['REJECTED', 'rejected'],
    ['EXPIRED', 'expired'],
    ['EXPIRED_IN_MATCH', 'expired'],
  ])('reads %s as %s', (status, ours) => {
    expect(toOrder(answer(status), 'binance', FALLBACK)).toMatchObject({ status: ours, clientOrderId: 'bot-abc-e0', amount: '2', filled: '0' });
  });

  it('reads FILLED as closed, with what filled', () => {
    expect(toOrder(answer('FILLED', '2.000'), 'binance', FALLBACK)).toMatchObject({ status: 'closed', filled: '2' });
  });
});
