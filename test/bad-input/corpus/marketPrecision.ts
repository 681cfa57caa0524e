import type { Market } from '../../../lib/domain/market.js';
import type { RiskRejectionCode } from '../../../lib/domain/riskRejection.js';

/** Market figures (a venue's precision and limits) that leave no sendable amount or price for a sound proposal. */
export interface MarketPrecisionCase {
  readonly name: string;
  readonly market: Partial<Market>;
  readonly code: RiskRejectionCode;
  /** Text the rejection must hold. */
  readonly mentions: string;
}

export const MARKET_PRECISION_CASES: readonly MarketPrecisionCase[] = [
  { name: 'an amount step of zero (every amount NaN)', market: { amountStep: '0', minAmount: '0', minCost: '0' }, code: 'order_value_below_min', mentions: '"value":"NaN"' },
  { name: 'an amount step larger than the whole budget', market: { amountStep: '1000' }, code: 'order_value_below_min', mentions: '"value":"0"' },
  { name: 'a maximum amount of zero', market: { maxAmount: '0' }, code: 'order_value_below_min', mentions: '"value":"0"' },
  { name: 'a minimum amount no balance reaches', market: { minAmount: '1000000' }, code: 'order_value_below_min', mentions: '"minimum":"' },
  { name: 'a minimum cost no balance reaches', market: { minCost: '1000' }, code: 'order_value_below_min', mentions: '"minimum":"1100"' },
  { name: 'a maximum cost of zero', market: { maxCost: '0' }, code: 'order_value_above_max', mentions: '"maximum":"0"' },
  { name: 'a price step of zero (every level NaN)', market: { priceStep: '0' }, code: 'invalid_levels', mentions: 'after rounding to tick 0' },
  { name: 'a price step above the price (every level zero)', market: { priceStep: '1' }, code: 'invalid_levels', mentions: 'after rounding to tick 1' },
];

/** The same figures, as a configuration's `markets` entry or a venue's market data: refused by MarketSchema naming the field. */
export const MARKET_SCHEMA_CASES: readonly { readonly name: string; readonly market: Partial<Record<keyof Market, unknown>>; readonly field: string }[] = [
  { name: 'an amount step of zero', market: { amountStep: '0' }, field: 'amountStep' },
  { name: 'a price step of zero', market: { priceStep: '0.000' }, field: 'priceStep' },
  { name: 'a negative amount step', market: { amountStep: '-0.001' }, field: 'amountStep' },
  { name: 'a price step in exponent form', market: { priceStep: '1e-8' }, field: 'priceStep' },
  { name: 'a minimum amount as a number', market: { minAmount: 0.01 }, field: 'minAmount' },
  { name: 'a maximum cost that is not a number', market: { maxCost: 'unlimited' }, field: 'maxCost' },
  { name: 'a negative fee rate', market: { takerFeeRate: '-0.001' }, field: 'takerFeeRate' },
  { name: 'a symbol not BASE/QUOTE', market: { symbol: 'LTCBTC' }, field: 'symbol' },
];
