import { dec } from '../../../domain/decimal.js';

/** A decimal string cut to `places` decimals for reading; the report keeps the exact value. */
export function formatDecimal(value: string, places = 8): string {
  return dec(value).toDecimalPlaces(places).toFixed();
}

/** "2024-01-02 03:04" in UTC, from epoch ms or an ISO string. */
export function formatUtcMinute(time: number | string): string {
  const iso = typeof time === 'number' ? new Date(time).toISOString() : time;
  return iso.slice(0, 16).replace('T', ' ');
}

/** A number with a fixed count of decimals and thousands separators, for chart ticks and cards. */
export function formatNumber(value: number, decimals: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Sign of a decimal string: 1, 0 or -1. */
export function decimalSign(value: string): number {
  return dec(value).comparedTo(0);
}
