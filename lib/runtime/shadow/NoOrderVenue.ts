import type { Awaitable } from '../../domain/awaitable.js';
import { InvalidInputError } from '../../domain/errors.js';
import type { Market } from '../../domain/market.js';
import type { Fill, Order, SubmissionOutcome } from '../../domain/order.js';
import type { Balances, Exchange } from '../../ports/Exchange.js';

const NO_BALANCES: Balances = Object.freeze({});

/**
 * The live book's venue in `mode: "shadow"`: the venue's public market data, no account and
 * no order. The main strategy runs as a shadow, so the live book proposes nothing; anything
 * that would still send, cancel or look up an order (a live plan left from another mode) is
 * refused with an error that says why, and nothing reaches the venue.
 */
export class NoOrderVenue implements Exchange {
  constructor(private readonly marketData: Pick<Exchange, 'market' | 'fetchLastPrice'>) {}

  market(symbol: string): Awaitable<Market> {
    return this.marketData.market(symbol);
  }

  /** The live book holds nothing in shadow mode. */
  fetchBalances(): Balances {
    return NO_BALANCES;
  }

  fetchLastPrice(symbol: string): Promise<number> {
    return this.marketData.fetchLastPrice(symbol);
  }

  createOrder(): Promise<SubmissionOutcome> {
    return refused('send an order');
  }

  fetchOrderByClientId(): Promise<Order | undefined> {
    return refused('look an order up');
  }

  cancelOrder(): Promise<void> {
    return refused('cancel an order');
  }

  /** None: nothing was sent. */
  fetchOpenOrders(): Promise<readonly Order[]> {
    return Promise.resolve([]);
  }

  fetchFills(): Promise<readonly Fill[]> {
    return Promise.resolve([]);
  }
}

function refused(what: string): Promise<never> {
  return Promise.reject(new InvalidInputError('mode', `"shadow" sends no order and has no account: cannot ${what} (close live plans in paper or live mode first)`));
}
