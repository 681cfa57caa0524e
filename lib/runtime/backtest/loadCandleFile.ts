import { basename } from 'node:path';
import { type Candle, TimeframeSchema, type Timeframe, findCandleProblem } from '../../domain/candle.js';
import { InvalidInputError } from '../../domain/errors.js';
import { readJsonFile } from '../readJsonFile.js';

export interface CandleSeries {
  readonly file: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly candles: readonly Candle[];
}

const FILE_NAME = /^([A-Z0-9]+)_([A-Z0-9]+)-(\d+[mhd])\.json$/;

/** `ETH_BTC-1m.json` → ETH/BTC, 1m: the naming of ../shared/data/candles. */
export function parseCandleFileName(file: string): { symbol: string; timeframe: Timeframe } {
  const match = FILE_NAME.exec(basename(file));
  const timeframe = TimeframeSchema.safeParse(match?.[3]);
  if (!match || !timeframe.success) {
    throw new InvalidInputError(file, 'file name must be BASE_QUOTE-TIMEFRAME.json, e.g. ETH_BTC-1m.json');
  }
  return { symbol: `${match[1]}/${match[2]}`, timeframe: timeframe.data };
}

/**
 * Reads a candle file: one JSON array of [openTimeMs, open, high, low, close, volume] rows,
 * strictly ascending. A bad row fails the whole file with the file, row and field named.
 */
export async function loadCandleFile(file: string): Promise<CandleSeries> {
  const { symbol, timeframe } = parseCandleFileName(file);
  const rows = await readJsonFile(file);
  if (!Array.isArray(rows)) throw new InvalidInputError(file, 'must be a JSON array of rows');
  if (rows.length === 0) throw new InvalidInputError(file, 'has no candles');
  return { file, symbol, timeframe, candles: rowsToCandles(rows, file) };
}

export function rowsToCandles(rows: readonly unknown[], file: string): Candle[] {
  const candles = new Array<Candle>(rows.length);
  let previous = -Infinity;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!isCandleRow(row)) throw new InvalidInputError(`${file}: row ${i}`, 'must be [openTimeMs, open, high, low, close, volume] numbers');
    const candle: Candle = { openTime: row[0], open: row[1], high: row[2], low: row[3], close: row[4], volume: row[5] };
    const problem = findCandleProblem(candle);
    if (problem) throw new InvalidInputError(`${file}: row ${i}`, problem);
    if (candle.openTime <= previous) {
      throw new InvalidInputError(`${file}: row ${i}`, `openTime ${candle.openTime} is not after the previous row's ${previous} (rows must be sorted, without duplicates)`);
    }
    previous = candle.openTime;
    candles[i] = candle;
  }
  return candles;
}

type CandleRow = [number, number, number, number, number, number, ...unknown[]];

function isCandleRow(row: unknown): row is CandleRow {
  if (!Array.isArray(row) || row.length < 6) return false;
  for (let i = 0; i < 6; i++) if (typeof row[i] !== 'number') return false;
  return true;
}
