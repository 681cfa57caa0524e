import type { RiskConfig } from '../../domain/config.js';
import { Decimal } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import { marketFigures } from '../../domain/marketFigures.js';
import { ceilToStep } from '../../domain/precision.js';
import { orderValueLimitsOf } from './riskFigures.js';

/**
 * The smallest order value we send: the market's minimum cost plus a buffer, so fees and
 * rounding never push it under, or our own minimum when that is higher.
 */
export function minimumOrderValue(market: Market, config: RiskConfig): Decimal {
  return orderValueLimitsOf(market, config).minimumOrderValue;
}

/** The largest order value we send, or undefined when neither the market nor the config caps it. */
export function maximumOrderValue(market: Market, config: RiskConfig): Decimal | undefined {
  return orderValueLimitsOf(market, config).maximumOrderValue;
}

/** The smallest base amount the market takes: minAmount, and never less than one step. */
export function minimumAmount(market: Market): Decimal {
  const { minAmount, amountStep } = marketFigures(market);
  return minAmount.gte(amountStep) ? minAmount : amountStep;
}

/**
 * The smallest amount that passes every minimum at this entry: a positive multiple of the
 * amount step, at least minAmount, worth at least the minimum order value.
 */
export function minimumViableAmount(entry: Decimal, market: Market, config: RiskConfig): Decimal {
  const floor = Decimal.max(minimumAmount(market), minimumOrderValue(market, config).dividedBy(entry));
  return ceilToStep(floor, market.amountStep);
}
