import { basename } from 'node:path';
import { type Candle, TimeframeSchema, type Timeframe, findCandleProblem, timeframeMs } from '../../domain/candle.js';
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
 * strictly ascending, each opening on the timeframe's grid. A bad row fails the whole file
 * with the file, row and field named.
 */
export async function loadCandleFile(file: string): Promise<CandleSeries> {
  const { symbol, timeframe } = parseCandleFileName(file);
  const rows = await readJsonFile(file);
  if (!Array.isArray(rows)) throw new InvalidInputError(file, 'must be a JSON array of rows');
  if (rows.length === 0) throw new InvalidInputError(file, 'has no candles');
  return { file, symbol, timeframe, candles: rowsToCandles(rows, file, timeframe) };
}

export function rowsToCandles(rows: readonly unknown[], file: string, timeframe: Timeframe): Candle[] {
  const step = timeframeMs(timeframe);
  const candles = new Array<Candle>(rows.length);
  let previous = -Infinity;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const shapeProblem = findRowShapeProblem(row);
    if (shapeProblem !== undefined) throw new InvalidInputError(`${file}: row ${i}`, `${ROW_SHAPE}; ${shapeProblem}`);
    const [openTime, open, high, low, close, volume] = row as CandleRow;
    const candle: Candle = { openTime, open, high, low, close, volume };
    const problem = findCandleProblem(candle);
    if (problem) throw new InvalidInputError(`${file}: row ${i}`, problem);
    if (candle.openTime <= previous) {
      throw new InvalidInputError(`${file}: row ${i}`, `openTime ${candle.openTime} is not after the previous row's ${previous} (rows must be sorted, without duplicates)`);
    }
    if (candle.openTime % step !== 0) {
      throw new InvalidInputError(`${file}: row ${i}`, `openTime ${candle.openTime} is not on the ${timeframe} grid (a multiple of ${step} ms)`);
    }
    previous = candle.openTime;
    candles[i] = candle;
  }
  return candles;
}

const ROW_SHAPE = 'must be [openTimeMs, open, high, low, close, volume] numbers';
const FIELDS = ['openTime', 'open', 'high', 'low', 'close', 'volume'] as const;

type CandleRow = [number, number, number, number, number, number];

/** What is wrong with a row's shape, naming the field; undefined for six numbers. */
function findRowShapeProblem(row: unknown): string | undefined {
  if (!Array.isArray(row)) return `it is ${row === null ? 'null' : /^[aeiou]/.test(typeof row) ? `an ${typeof row}` : `a ${typeof row}`}, not an array`;
  if (row.length !== FIELDS.length) return `it has ${row.length} values, not ${FIELDS.length}`;
  const index = row.findIndex((value) => typeof value !== 'number');
  return index === -1 ? undefined : `${FIELDS[index]} is ${JSON.stringify(row[index])}, not a number`;
}
