import { type Decimal, dec } from '../../domain/decimal.js';
import type { Balances } from '../../ports/Exchange.js';

interface ParsedBalances {
  readonly total: Map<string, Decimal>;
  readonly free: Map<string, Decimal>;
  /** Assets with a non-zero total, found when first asked. */
  held: readonly string[] | undefined;
}

/**
 * Balances are a venue's answer and never change in place (a new answer is a new object),
 * while the same answer is valued on every proposal until a fill moves it: each amount is
 * parsed once per answer.
 */
const parsedOf = new WeakMap<Balances, ParsedBalances>();

function parsed(balances: Balances): ParsedBalances {
  let amounts = parsedOf.get(balances);
  if (amounts === undefined) parsedOf.set(balances, (amounts = { total: new Map<string, Decimal>(), free: new Map<string, Decimal>(), held: undefined }));
  return amounts;
}

/** The asset's total (free and in orders); zero when the venue does not list it. */
export function totalOf(balances: Balances, asset: string): Decimal {
  const totals = parsed(balances).total;
  let total = totals.get(asset);
  if (total === undefined) totals.set(asset, (total = dec(balances[asset]?.total ?? '0')));
  return total;
}

/** The asset's free amount; zero when the venue does not list it. */
export function freeOf(balances: Balances, asset: string): Decimal {
  const frees = parsed(balances).free;
  let free = frees.get(asset);
  if (free === undefined) frees.set(asset, (free = dec(balances[asset]?.free ?? '0')));
  return free;
}

/** The assets the venue lists a non-zero total of, in its order. */
export function heldAssets(balances: Balances): readonly string[] {
  const amounts = parsed(balances);
  return (amounts.held ??= Object.keys(balances).filter((asset) => !totalOf(balances, asset).isZero()));
}
