import { type Decimal, dec } from '../../domain/decimal.js';

export interface ModelPrices {
  readonly inputPerMillionUsd: string;
  readonly outputPerMillionUsd: string;
}

/** USD a call cost, exactly: tokens times the per-million prices. */
export function callCost(inputTokens: number, outputTokens: number, prices: ModelPrices): Decimal {
  return dec(inputTokens).times(prices.inputPerMillionUsd).plus(dec(outputTokens).times(prices.outputPerMillionUsd)).dividedBy(1_000_000);
}
