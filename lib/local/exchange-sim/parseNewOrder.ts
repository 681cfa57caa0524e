import { randomBytes } from 'node:crypto';
import { venueErrors } from './errors.js';
import type { NewOrderRequest } from './placeOrder.js';
import { clientOrderIdParam, decimalParam, requiredParam } from './requestParams.js';
import type { OrderSide, OrderType } from './SimOrder.js';

export type OrderResponseType = 'ACK' | 'RESULT' | 'FULL';

const SIDES: readonly string[] = ['BUY', 'SELL'] satisfies OrderSide[];
const TYPES: readonly string[] = ['MARKET', 'LIMIT', 'LIMIT_MAKER', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'] satisfies OrderType[];
/** The venue's base and quote asset precision: more decimal places are its -1111. */
const MAX_PLACES = 8;

/** A client order id like the ones the venue makes up when none is sent. */
export function venueClientOrderId(): string {
  return randomBytes(16).toString('base64url').slice(0, 22);
}

/**
 * Features the venue reads but the simulated symbols do not allow, refused as the venue refuses them
 * there (errors.md, -2010 messages): exchangeInfo says icebergAllowed and allowTrailingStop false and
 * has no pegInstructionsAllowed. Of the self-trade prevention modes only the default is modelled.
 */
function refuseUnmodelledFeatures(params: URLSearchParams): void {
  if (params.has('icebergQty')) throw venueErrors.notSupportedForSymbol('Iceberg orders are not supported for this symbol.');
  if (params.has('trailingDelta')) throw venueErrors.notSupportedForSymbol('Trailing stop orders are not supported for this symbol.');
  if (['pegPriceType', 'pegOffsetValue', 'pegOffsetType'].some((name) => params.has(name))) throw venueErrors.notSupportedForSymbol('Pegged orders are not supported for this symbol.');
  const stp = params.get('selfTradePreventionMode');
  if (stp !== null && stp !== 'EXPIRE_MAKER') throw venueErrors.paramNotImplemented('selfTradePreventionMode');
}

/**
 * The parameters of POST /api/v3/order. MARKET and LIMIT answer FULL by default, other
 * types ACK, as on the venue.
 */
export function parseNewOrder(params: URLSearchParams): { request: NewOrderRequest; responseType: OrderResponseType } {
  const symbol = requiredParam(params, 'symbol');
  const side = requiredParam(params, 'side');
  if (!SIDES.includes(side)) throw venueErrors.invalidSide();
  const type = requiredParam(params, 'type');
  if (!TYPES.includes(type)) throw venueErrors.invalidOrderType();
  const clientOrderId = clientOrderIdParam(params, 'newClientOrderId') ?? venueClientOrderId();
  refuseUnmodelledFeatures(params);
  const responseType = params.get('newOrderRespType') ?? (type === 'MARKET' || type === 'LIMIT' ? 'FULL' : 'ACK');
  if (responseType !== 'ACK' && responseType !== 'RESULT' && responseType !== 'FULL') throw venueErrors.illegalParam('newOrderRespType');
  return {
    request: {
      symbol,
      side: side as OrderSide,
      type: type as OrderType,
      timeInForce: params.get('timeInForce') ?? undefined,
      quantity: decimalParam(params, 'quantity', MAX_PLACES),
      quoteOrderQty: decimalParam(params, 'quoteOrderQty', MAX_PLACES),
      price: decimalParam(params, 'price', MAX_PLACES),
      stopPrice: decimalParam(params, 'stopPrice', MAX_PLACES),
      clientOrderId,
    },
    responseType,
  };
}
