import { type Decimal, dec } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import { LEGAL_RANGE, venueErrors } from './errors.js';
import type { VenueState } from './VenueState.js';

const DECIMAL = /^\d{1,20}(\.\d{1,20})?$/;
const CLIENT_ORDER_ID = /^[a-zA-Z0-9_-]{1,36}$/;

/**
 * A decimal parameter, undefined when absent, the venue's -1100 when it is not a plain
 * decimal, -1111 when it has more than `maxPlaces` significant decimal places.
 */
export function decimalParam(params: URLSearchParams, name: string, maxPlaces = 20): Decimal | undefined {
  const value = params.get(name);
  if (value === null || value === '') return undefined;
  if (!DECIMAL.test(value)) throw venueErrors.illegalParam(name);
  const parsed = dec(value);
  if (parsed.decimalPlaces() > maxPlaces) throw venueErrors.tooMuchPrecision(name);
  return parsed;
}

/** A non-negative integer parameter (a time, an id, a limit), or undefined when absent. */
export function integerParam(params: URLSearchParams, name: string): number | undefined {
  const value = params.get(name);
  if (value === null || value === '') return undefined;
  if (!/^\d{1,20}$/.test(value)) throw venueErrors.illegalParam(name, LEGAL_RANGE.long);
  return Number(value);
}

/** A client order id as the venue allows one: 1 to 36 of [a-zA-Z0-9-_], or -1100 quoting that pattern. */
export function clientOrderIdParam(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  if (value === null) return undefined;
  if (!CLIENT_ORDER_ID.test(value)) throw venueErrors.illegalParam(name, LEGAL_RANGE.clientOrderId);
  return value;
}

export function requiredParam(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (value === null || value === '') throw venueErrors.mandatoryParam(name);
  return value;
}

/** The market the `symbol` parameter names, or the venue's -1121. */
export function marketParam(state: VenueState, params: URLSearchParams): Market {
  const market = state.markets.get(requiredParam(params, 'symbol'));
  if (!market) throw venueErrors.invalidSymbol();
  return market;
}

/** A page size: the endpoint's default when absent, capped at its maximum. */
export function limitParam(params: URLSearchParams, defaultLimit: number, maxLimit: number): number {
  const limit = integerParam(params, 'limit') ?? defaultLimit;
  return Math.max(1, Math.min(limit, maxLimit));
}
