import { dec } from '../../domain/decimal.js';

/**
 * A market entry is refused when the last price has moved more than `maxFraction` away
 * from the entry the plan was approved at: its stop and size no longer fit the market.
 */
export function checkEntrySlippage(
  plannedEntry: string,
  lastPrice: number,
  maxFraction: number,
): { ok: true } | { ok: false; moved: string } {
  const entry = dec(plannedEntry);
  const moved = dec(lastPrice).minus(entry).abs().dividedBy(entry);
  return moved.gt(maxFraction) ? { ok: false, moved: moved.toDecimalPlaces(6).toFixed() } : { ok: true };
}
