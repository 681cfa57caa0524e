import { type Decimal, ZERO, dec } from '../../lib/domain/decimal.js';
import { splitSymbol } from '../../lib/domain/market.js';
import type { Fill } from '../../lib/domain/order.js';

/** Asset → net change. */
export type Flows = Map<string, Decimal>;

/** Each asset's net change from fills: the base bought less sold, the quote paid less received, less the fees charged in each asset. */
export function flowsOf(fills: readonly Fill[]): Flows {
  const flows: Flows = new Map();
  const add = (asset: string, delta: Decimal) => flows.set(asset, (flows.get(asset) ?? ZERO).plus(delta));
  for (const fill of fills) {
    const { base, quote } = splitSymbol(fill.symbol);
    const sign = fill.side === 'buy' ? 1 : -1;
    add(base, dec(fill.amount).times(sign));
    add(quote, dec(fill.cost).times(-sign));
    add(fill.fee.currency, dec(fill.fee.cost).negated());
  }
  return flows;
}
