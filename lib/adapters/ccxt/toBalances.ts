import type { AssetBalance, Balances } from '../../ports/Exchange.js';
import type { CcxtBalances } from './CcxtClient.js';
import { decimalFrom } from './toOrder.js';

const NOT_ASSETS = new Set(['info', 'free', 'used', 'total', 'timestamp', 'datetime', 'debt']);

function isBalance(value: unknown): value is { free?: number; used?: number; total?: number } {
  return typeof value === 'object' && value !== null && ('free' in value || 'total' in value);
}

/** ccxt's balance → decimal strings per asset; a missing `used` is total − free, as ccxt defines it. */
export function toBalances(balance: CcxtBalances): Balances {
  const result: Record<string, AssetBalance> = {};
  for (const [asset, value] of Object.entries(balance)) {
    if (NOT_ASSETS.has(asset) || !isBalance(value)) continue;
    const free = decimalFrom(value.free) ?? '0';
    const used = decimalFrom(value.used) ?? '0';
    const total = decimalFrom(value.total) ?? '0';
    result[asset] = { free, used, total };
  }
  return result;
}
