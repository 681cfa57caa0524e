import { InvalidInputError } from '../../domain/errors.js';
import { dec, toDecimalString } from '../../domain/decimal.js';
import { type Market, MarketSchema } from '../../domain/market.js';
import type { CcxtMarket } from './CcxtClient.js';

/** ccxt's precision modes (ccxt/js/src/base/functions/number.js). */
export const DECIMAL_PLACES = 2;
export const SIGNIFICANT_DIGITS = 3;
export const TICK_SIZE = 4;

function decimalOf(value: number | undefined): string | undefined {
  return value === undefined || !Number.isFinite(value) ? undefined : toDecimalString(dec(value));
}

/** A precision as a step: TICK_SIZE already is one; DECIMAL_PLACES counts digits (3 → 0.001). */
function stepOf(precision: number | undefined, precisionMode: number | undefined, field: string, symbol: string): string {
  if (precision === undefined || !Number.isFinite(precision)) throw new InvalidInputError(`${symbol} precision.${field}`, 'missing from the market data');
  if (precisionMode === DECIMAL_PLACES) return toDecimalString(dec(10).pow(-precision));
  if (precisionMode === TICK_SIZE || precisionMode === undefined) return toDecimalString(dec(precision));
  throw new InvalidInputError(`${symbol} precisionMode`, `${precisionMode} (significant digits) has no fixed step; only tick size and decimal places are supported`);
}

/**
 * ccxt's market → the core's Market, so the core rounds with its own exact math. A missing
 * minimum amount is one step (nothing smaller can be sent); a missing minimum cost is zero.
 */
export function toMarket(market: CcxtMarket, precisionMode: number | undefined): Market {
  const amountStep = stepOf(market.precision.amount, precisionMode, 'amount', market.symbol);
  const priceStep = stepOf(market.precision.price, precisionMode, 'price', market.symbol);
  const maxAmount = decimalOf(market.limits.amount?.max);
  const maxCost = decimalOf(market.limits.cost?.max);
  const parsed = MarketSchema.safeParse({
    symbol: market.symbol,
    base: market.base,
    quote: market.quote,
    amountStep,
    priceStep,
    minAmount: decimalOf(market.limits.amount?.min) ?? amountStep,
    ...(maxAmount !== undefined ? { maxAmount } : {}),
    minCost: decimalOf(market.limits.cost?.min) ?? '0',
    ...(maxCost !== undefined ? { maxCost } : {}),
    takerFeeRate: decimalOf(market.taker) ?? '0',
    makerFeeRate: decimalOf(market.maker) ?? '0',
  });
  if (!parsed.success) throw new InvalidInputError(`market ${market.symbol}`, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}
