import type { CcxtClient, CcxtMarket } from './CcxtClient.js';

/**
 * Whether the venue takes a stop-limit order on this market: ccxt says so for the exchange,
 * and a market that lists its order types (Binance's exchangeInfo does) lists one.
 */
export function supportsStopOrders(client: CcxtClient, market: CcxtMarket): boolean {
  if (client.has['createStopLimitOrder'] !== true && client.has['createTriggerOrder'] !== true) return false;
  const info: unknown = market.info;
  const orderTypes = typeof info === 'object' && info !== null && 'orderTypes' in info ? info.orderTypes : undefined;
  return !Array.isArray(orderTypes) || orderTypes.includes('STOP_LOSS_LIMIT');
}
