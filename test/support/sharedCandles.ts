import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Candle } from '../../lib/domain/candle.js';

/** Real candles from ../shared/data/candles/NAME.json (rows of [openTime, open, high, low, close, volume]). */
export function readSharedCandles(name: string): Candle[] {
  const rows = JSON.parse(readFileSync(resolve('../shared/data/candles', name), 'utf8')) as number[][];
  return rows.map(([openTime, open, high, low, close, volume]) => ({
    openTime: openTime!,
    open: open!,
    high: high!,
    low: low!,
    close: close!,
    volume: volume!,
  }));
}
