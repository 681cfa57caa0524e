import { describe, expect, it } from 'vitest';
import { type Order, orderWith } from '../../../lib/domain/order.js';

const SHAPE = ['clientOrderId', 'exchangeOrderId', 'symbol', 'side', 'type', 'status', 'amount', 'filled', 'price', 'stopPrice', 'average', 'timestamp'];

describe('orderWith', () => {
  it('writes every field in one order, an absent one undefined, with the changes made', () => {
    const stop: Order = { clientOrderId: 'b-x-s0', exchangeOrderId: '7', symbol: 'ETH/BTC', side: 'sell', type: 'stop_market', status: 'open', amount: '0.5', filled: '0', stopPrice: '0.049', timestamp: 10 };
    const same = orderWith(stop);
    expect(Object.keys(same)).toEqual(SHAPE);
    expect(same).toEqual(stop);

    const closed = orderWith(stop, { status: 'closed', filled: '0.5', average: '0.0489' });
    expect(Object.keys(closed)).toEqual(SHAPE);
    expect(closed).toEqual({ ...stop, status: 'closed', filled: '0.5', average: '0.0489' });
    // The order it came from is left as it was.
    expect(stop.status).toBe('open');
    expect(orderWith(closed, { stopPrice: undefined }).stopPrice).toBeUndefined();
  });
});
