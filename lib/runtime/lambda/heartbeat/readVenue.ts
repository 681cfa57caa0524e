import type { Order } from '../../../domain/order.js';
import type { Balances, Exchange } from '../../../ports/Exchange.js';

/** The venue's balances and open orders, or why they could not be read. */
export type VenueView =
  | { readonly ok: true; readonly exchange: Exchange; readonly balances: Balances; readonly openOrders: readonly Order[] }
  | { readonly ok: false; readonly reason: string };

/**
 * Balances once and open orders per symbol (never all symbols in one call: ccxt refuses
 * that on Binance, and it costs 40 weight there against 6 per symbol). Any failure, the
 * venue's client included, makes the whole view unreadable: half a picture would show drift
 * that is not there.
 */
export async function readVenue(venue: () => Promise<Exchange>, symbols: readonly string[]): Promise<VenueView> {
  try {
    const exchange = await venue();
    const [balances, orders] = await Promise.all([exchange.fetchBalances(), Promise.all(symbols.map((s) => exchange.fetchOpenOrders(s)))]);
    return { ok: true, exchange, balances, openOrders: orders.flat() };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}
