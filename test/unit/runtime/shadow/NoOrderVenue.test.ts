import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../lib/domain/errors.js';
import { NoOrderVenue } from '../../../../lib/runtime/shadow/NoOrderVenue.js';
import { aMarket } from '../../../support/marketFixture.js';

describe('Class: NoOrderVenue (mode "shadow")', () => {
  const venue = new NoOrderVenue({ market: () => aMarket(), fetchLastPrice: () => Promise.resolve(0.1) });

  it('answers market data from the venue, and no account', async () => {
    expect(venue.market('ETH/BTC')).toEqual(aMarket());
    expect(await venue.fetchLastPrice('ETH/BTC')).toBe(0.1);
    expect(venue.fetchBalances()).toEqual({});
    expect(await venue.fetchOpenOrders()).toEqual([]);
  });

  it('refuses to send, cancel or look up an order, naming the mode', async () => {
    await expect(venue.createOrder()).rejects.toThrow(InvalidInputError);
    await expect(venue.createOrder()).rejects.toThrow('"shadow" sends no order and has no account: cannot send an order');
    await expect(venue.cancelOrder()).rejects.toThrow('cannot cancel an order');
    await expect(venue.fetchOrderByClientId()).rejects.toThrow('cannot look an order up');
  });
});
