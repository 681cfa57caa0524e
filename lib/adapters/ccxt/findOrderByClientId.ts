import type { CcxtClient, CcxtOrder } from './CcxtClient.js';
import { classifyCcxtError } from './classifyCcxtError.js';

/**
 * How a venue finds an order by our client order id:
 * - `fetchOrder`: one direct query with the id as a parameter (Binance: `origClientOrderId`);
 * - `scanOrders`: open orders, then recent closed ones, filtered by client order id.
 */
export type ClientOrderLookup = { readonly kind: 'fetchOrder'; readonly param: string } | { readonly kind: 'scanOrders' };

export function defaultClientOrderLookup(exchangeId: string): ClientOrderLookup {
  return exchangeId.startsWith('binance') ? { kind: 'fetchOrder', param: 'origClientOrderId' } : { kind: 'scanOrders' };
}

/**
 * Undefined only when the venue positively has no such order (an OrderNotFound answer, or a
 * scan that did not see it); any other failure is thrown for the caller to judge.
 */
export async function findOrderByClientId(client: CcxtClient, lookup: ClientOrderLookup, symbol: string, clientOrderId: string): Promise<CcxtOrder | undefined> {
  if (lookup.kind === 'fetchOrder') {
    try {
      // The exchange order id is unknown here; ccxt sends the client id in its place.
      return await client.fetchOrder('', symbol, { [lookup.param]: clientOrderId });
    } catch (error) {
      if (classifyCcxtError(error).category === 'orderNotFound') return undefined;
      throw error;
    }
  }
  const open = await client.fetchOpenOrders(symbol);
  const found = open.find((o) => o.clientOrderId === clientOrderId);
  if (found !== undefined) return found;
  const closed = await client.fetchClosedOrders(symbol);
  return closed.find((o) => o.clientOrderId === clientOrderId);
}
