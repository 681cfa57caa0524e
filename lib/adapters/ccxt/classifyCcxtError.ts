import * as ccxtErrors from './ccxtErrors.js';

/**
 * What a failed ccxt call means for the caller:
 * - `retryable`: a transient failure worth another attempt after a pause; an IP ban (HTTP
 *   418, which ccxt raises as DDoSProtection like a 429) is not: retrying into it lengthens it;
 * - `mayHaveReachedVenue`: an order request may have been acted on (timeout, lost answer,
 *   5xx), so it is looked up by client order id before it is sent again. A rate limit
 *   refusal is the one retryable failure the venue answered without acting on.
 */
export type CcxtErrorCategory =
  | 'banned'
  | 'rateLimited'
  | 'timeout'
  | 'unavailable'
  | 'network'
  | 'badResponse'
  | 'orderNotFound'
  | 'duplicateOrder'
  | 'wouldTriggerImmediately'
  | 'insufficientFunds'
  | 'invalidOrder'
  | 'badSymbol'
  | 'badRequest'
  | 'permissionDenied'
  | 'authentication'
  | 'notSupported'
  | 'rejected'
  | 'unexpected';

export interface CcxtErrorClassification {
  readonly category: CcxtErrorCategory;
  /** The ccxt class that matched, e.g. `InsufficientFunds`; `Error` for anything that is not ccxt's. */
  readonly errorClass: string;
  readonly retryable: boolean;
  readonly mayHaveReachedVenue: boolean;
  readonly message: string;
}

type ErrorClass = abstract new (...args: never[]) => Error;

interface Rule {
  readonly type: ErrorClass;
  readonly name: string;
  readonly category: CcxtErrorCategory;
  readonly retryable: boolean;
  readonly mayHaveReachedVenue: boolean;
}

function rule(type: ErrorClass, name: string, category: CcxtErrorCategory, retryable = false, mayHaveReachedVenue = false): Rule {
  return { type, name, category, retryable, mayHaveReachedVenue };
}

/**
 * Most specific first: ccxt's classes form a tree (OrderNotFound extends InvalidOrder extends
 * ExchangeError; RateLimitExceeded and RequestTimeout extend NetworkError), and the first match wins.
 */
const RULES: readonly Rule[] = [
  rule(ccxtErrors.RateLimitExceeded, 'RateLimitExceeded', 'rateLimited', true),
  rule(ccxtErrors.DDoSProtection, 'DDoSProtection', 'rateLimited', true),
  rule(ccxtErrors.RequestTimeout, 'RequestTimeout', 'timeout', true, true),
  rule(ccxtErrors.ExchangeNotAvailable, 'ExchangeNotAvailable', 'unavailable', true, true),
  rule(ccxtErrors.InvalidNonce, 'InvalidNonce', 'network', true),
  rule(ccxtErrors.NetworkError, 'NetworkError', 'network', true, true),
  // The venue answered something unreadable: it may have acted on the request.
  rule(ccxtErrors.BadResponse, 'BadResponse', 'badResponse', true, true),
  rule(ccxtErrors.OrderNotFound, 'OrderNotFound', 'orderNotFound'),
  rule(ccxtErrors.DuplicateOrderId, 'DuplicateOrderId', 'duplicateOrder'),
  rule(ccxtErrors.OrderImmediatelyFillable, 'OrderImmediatelyFillable', 'wouldTriggerImmediately'),
  rule(ccxtErrors.InvalidOrder, 'InvalidOrder', 'invalidOrder'),
  rule(ccxtErrors.InsufficientFunds, 'InsufficientFunds', 'insufficientFunds'),
  rule(ccxtErrors.BadSymbol, 'BadSymbol', 'badSymbol'),
  rule(ccxtErrors.BadRequest, 'BadRequest', 'badRequest'),
  rule(ccxtErrors.PermissionDenied, 'PermissionDenied', 'permissionDenied'),
  rule(ccxtErrors.AuthenticationError, 'AuthenticationError', 'authentication'),
  rule(ccxtErrors.NotSupported, 'NotSupported', 'notSupported'),
  rule(ccxtErrors.ExchangeError, 'ExchangeError', 'rejected'),
  // OperationFailed outside the network branch (e.g. CancelPending): transient on the venue's side.
  rule(ccxtErrors.OperationFailed, 'OperationFailed', 'unavailable', true, true),
];

const BY_NAME = new Map(RULES.map((r) => [r.name, r]));

/** ccxt's binance raises "binance 418 I'm a teapot {...}" for a ban, the same class as a 429. */
const BAN = /^\S+ 418 /;

/** Pure: names a ccxt error's category by its class, falling back to its `name` when a second copy of ccxt threw it. */
export function classifyCcxtError(error: unknown): CcxtErrorClassification {
  const message = error instanceof Error ? error.message : String(error);
  const matched = RULES.find((r) => error instanceof r.type) ?? (error instanceof Error ? BY_NAME.get(error.name) : undefined);
  if (matched?.category === 'rateLimited' && BAN.test(message)) {
    return { category: 'banned', errorClass: error instanceof Error ? error.name : matched.name, retryable: false, mayHaveReachedVenue: false, message };
  }
  if (matched === undefined) {
    return { category: 'unexpected', errorClass: error instanceof Error ? error.name : typeof error, retryable: false, mayHaveReachedVenue: true, message };
  }
  return {
    category: matched.category,
    // ccxt names each error after its class, so a subclass the table does not list (OnMaintenance) still shows.
    errorClass: error instanceof Error && error.name !== 'Error' ? error.name : matched.name,
    retryable: matched.retryable,
    mayHaveReachedVenue: matched.mayHaveReachedVenue,
    message,
  };
}
