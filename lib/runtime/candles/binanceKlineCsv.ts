import { InvalidInputError } from '../../domain/errors.js';

/**
 * Binance writes open times in microseconds from 2025 on (milliseconds before). No trading
 * happened before 2009 in milliseconds' 1e14 (year 5138), so anything above it is microseconds.
 */
const MICROSECONDS_ABOVE = 1e14;

/**
 * The rows of a Binance public kline dump (data.binance.vision: open_time, open, high, low,
 * close, volume, close_time, quote_volume, count, taker_buy_base, taker_buy_quote, ignore),
 * as [openTimeMs, open, high, low, close, volume]. The dumps have no header line; one is
 * skipped if present (some tools add it). A row that is not numbers fails with its line named.
 */
export function parseBinanceKlineCsv(text: string, file: string): number[][] {
  const rows: number[][] = [];
  let start = 0;
  let line = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const raw = text.slice(start, end).trim();
    start = end + 1;
    if (raw === '' || (line === 1 && /^[a-z_]/i.test(raw))) continue;
    const fields = raw.split(',');
    if (fields.length < 6) throw new InvalidInputError(`${file}: line ${line}`, `has ${fields.length} fields, a Binance kline row has 12 (open_time, open, high, low, close, volume, …)`);
    const row = new Array<number>(6);
    for (let i = 0; i < 6; i++) {
      const value = Number(fields[i]);
      if (fields[i] === '' || !Number.isFinite(value)) {
        throw new InvalidInputError(`${file}: line ${line}`, `${CSV_FIELDS[i]} is ${JSON.stringify(fields[i])}, not a number`);
      }
      row[i] = value;
    }
    if ((row[0] as number) > MICROSECONDS_ABOVE) row[0] = Math.floor((row[0] as number) / 1000);
    rows.push(row);
  }
  return rows;
}

const CSV_FIELDS = ['open_time', 'open', 'high', 'low', 'close', 'volume'] as const;
