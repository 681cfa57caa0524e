import { venueErrors } from './errors.js';

/**
 * The parameters each endpoint the simulator serves reads, as rest-api.md lists them.
 * - `read`: the ones the simulator models. Signed endpoints also read timestamp, recvWindow and signature.
 * - `unmodelled`: ones the venue documents and reads but the simulator does not model; sending one is
 *   refused plainly rather than ignored, since ignoring it would answer as if it had not been sent.
 * Anything else is a parameter the venue does not read: -1104.
 */
export interface RouteParams {
  readonly read: readonly string[];
  readonly unmodelled?: readonly string[];
}

const SIGNED = ['timestamp', 'recvWindow', 'signature'];

export const ROUTE_PARAMS: Readonly<Record<string, RouteParams>> = {
  'GET /api/v3/ping': { read: [] },
  'GET /api/v3/time': { read: [] },
  'GET /api/v3/exchangeInfo': { read: ['symbol'], unmodelled: ['symbols', 'permissions', 'showPermissionSets', 'symbolStatus'] },
  'GET /api/v3/klines': { read: ['symbol', 'interval', 'startTime', 'endTime', 'limit'], unmodelled: ['timeZone'] },
  'GET /api/v3/ticker/price': { read: ['symbol'], unmodelled: ['symbols', 'symbolStatus'] },
  'GET /api/v3/ticker/bookTicker': { read: ['symbol'], unmodelled: ['symbols', 'symbolStatus'] },
  'GET /api/v3/ticker/24hr': { read: ['symbol'], unmodelled: ['symbols', 'type', 'symbolStatus'] },
  'GET /api/v3/account': { read: [...SIGNED], unmodelled: ['omitZeroBalances'] },
  // icebergQty, trailingDelta and the peg parameters are read by parseNewOrder, which refuses them as the
  // venue does on a symbol that does not allow them (exchangeInfo: icebergAllowed, allowTrailingStop false).
  'POST /api/v3/order': {
    read: [
      ...SIGNED,
      ...['symbol', 'side', 'type', 'timeInForce', 'quantity', 'quoteOrderQty', 'price', 'newClientOrderId', 'stopPrice', 'newOrderRespType'],
      ...['icebergQty', 'trailingDelta', 'pegPriceType', 'pegOffsetValue', 'pegOffsetType', 'selfTradePreventionMode'],
    ],
    unmodelled: ['strategyId', 'strategyType'],
  },
  'GET /api/v3/order': { read: [...SIGNED, 'symbol', 'orderId', 'origClientOrderId'] },
  'DELETE /api/v3/order': { read: [...SIGNED, 'symbol', 'orderId', 'origClientOrderId', 'newClientOrderId'], unmodelled: ['cancelRestrictions'] },
  'GET /api/v3/openOrders': { read: [...SIGNED, 'symbol'] },
  'GET /api/v3/myTrades': { read: [...SIGNED, 'symbol', 'orderId', 'startTime', 'endTime', 'fromId', 'limit'] },
};

/** The names of a query string or form body, refusing a name given twice (-1101). */
function namesOf(part: string): string[] {
  const names = [...new URLSearchParams(part).keys()];
  if (new Set(names).size !== names.length) throw venueErrors.duplicateParam();
  return names;
}

/**
 * The venue reads what the endpoint documents and counts the rest: one name twice in the query
 * or twice in the body is -1101; a name it does not read is -1104 "read N but was sent M"
 * (signature and timestamp counted). A name in both query and body counts once: the query's
 * value is used (rest-api.md, General Information on Endpoints).
 */
export function checkRouteParams(spec: RouteParams, query: string, body: string): void {
  const sent = new Set([...namesOf(query), ...namesOf(body)]);
  const unmodelled = [...sent].find((name) => spec.unmodelled?.includes(name));
  const read = [...sent].filter((name) => spec.read.includes(name) || spec.unmodelled?.includes(name)).length;
  if (read < sent.size) throw venueErrors.unreadParams(read, sent.size);
  if (unmodelled !== undefined) throw venueErrors.paramNotImplemented(unmodelled);
}
