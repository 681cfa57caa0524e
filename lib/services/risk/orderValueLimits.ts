import type { RiskConfig } from '../../domain/config.js';
import { Decimal, dec } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import { ceilToStep } from '../../domain/precision.js';

/**
 * The smallest order value we send: the market's minimum cost plus a buffer, so fees and
 * rounding never push it under, or our own minimum when that is higher.
 */
export function minimumOrderValue(market: Market, config: RiskConfig): Decimal {
  const buffered = dec(market.minCost).times(dec(1).plus(config.minOrderValueBufferPct));
  return Decimal.max(buffered, dec(config.minOrderValue ?? 0));
}

/** The largest order value we send, or undefined when neither the market nor the config caps it. */
export function maximumOrderValue(market: Market, config: RiskConfig): Decimal | undefined {
  const caps = [market.maxCost, config.maxOrderValue].filter((v): v is string => v !== undefined).map(dec);
  return caps.length === 0 ? undefined : Decimal.min(...caps);
}

/** The smallest base amount the market takes: minAmount, and never less than one step. */
export function minimumAmount(market: Market): Decimal {
  return Decimal.max(dec(market.minAmount), dec(market.amountStep));
}

/**
 * The smallest amount that passes every minimum at this entry: a positive multiple of the
 * amount step, at least minAmount, worth at least the minimum order value.
 */
export function minimumViableAmount(entry: Decimal, market: Market, config: RiskConfig): Decimal {
  const floor = Decimal.max(minimumAmount(market), minimumOrderValue(market, config).dividedBy(entry));
  return ceilToStep(floor, market.amountStep);
}
