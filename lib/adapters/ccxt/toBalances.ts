import { dec, toDecimalString } from '../../domain/decimal.js';
import type { AssetBalance, Balances } from '../../ports/Exchange.js';
import { badAnswer, finiteOrUndefined } from './badAnswer.js';
import type { CcxtBalances } from './CcxtClient.js';

const NOT_ASSETS = new Set(['info', 'free', 'used', 'total', 'timestamp', 'datetime', 'debt']);

/**
 * ccxt's balance → decimal strings per asset. Every asset the venue lists must say what is
 * free: an asset without it is refused, never skipped (a skipped asset reads as none held).
 * A missing `used` is total − free, as ccxt defines it; a missing total is free + used.
 */
export function toBalances(balance: CcxtBalances): Balances {
  const result: Record<string, AssetBalance> = {};
  for (const [asset, value] of Object.entries(balance)) {
    if (NOT_ASSETS.has(asset) || typeof value !== 'object' || value === null) continue;
    const fields = value as { free?: unknown; used?: unknown; total?: unknown };
    const free = finiteOrUndefined(fields.free);
    if (free === undefined || free < 0) throw badAnswer(`balance ${asset}`, fields.free == null ? 'free is missing' : `free ${JSON.stringify(fields.free)} is not a non-negative number`);
    const total = finiteOrUndefined(fields.total);
    const used = finiteOrUndefined(fields.used) ?? (total !== undefined ? dec(total).minus(free).toNumber() : 0);
    if (used < 0) throw badAnswer(`balance ${asset}`, `used ${used} is not a non-negative number`);
    result[asset] = { free: decimal(free), used: decimal(used), total: total !== undefined ? decimal(total) : toDecimalString(dec(free).plus(used)) };
  }
  return result;
}

function decimal(value: number): string {
  return toDecimalString(dec(value));
}
