import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { type Candle, TIMEFRAMES, type Timeframe, findCandleProblem, timeframeMs } from '../../domain/candle.js';
import { InvalidInputError } from '../../domain/errors.js';
import { readJsonFile } from '../readJsonFile.js';
import { parseBinanceKlineCsv } from '../candles/binanceKlineCsv.js';
import { type CandleFileFormat, parseCandleFileName } from '../candles/candleFileNames.js';

export interface CandleSeries {
  readonly file: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly candles: readonly Candle[];
}

/** What names a file's candles when its name does not (`--symbol`, `--timeframe`). */
export interface CandleFileNaming {
  readonly symbol?: string | undefined;
  readonly timeframe?: Timeframe | undefined;
}

const SYMBOL = /^[A-Z0-9]+\/[A-Z0-9]+$/;

/**
 * Reads a candle file: this project's and freqtrade's JSON (one array of [openTimeMs, open,
 * high, low, close, volume] rows, gzipped when named .json.gz) or a Binance public kline dump
 * (.csv), strictly ascending, each opening on the timeframe's grid. The symbol and timeframe
 * come from the name (ETH_BTC-1m.json, ETHBTC-1m-2024-01.csv), or from `naming` when the name
 * does not say. A bad row fails the whole file with the file, row and field named.
 */
export async function loadCandleFile(file: string, naming: CandleFileNaming = {}): Promise<CandleSeries> {
  const name = parseCandleFileName(file);
  const symbol = name.symbol ?? naming.symbol;
  const timeframe = name.timeframe ?? naming.timeframe;
  if (symbol === undefined || timeframe === undefined) {
    throw new InvalidInputError(
      file,
      'the name does not say the ' + [symbol === undefined ? 'symbol (give --symbol BASE/QUOTE)' : '', timeframe === undefined ? `timeframe (give --timeframe, one of ${TIMEFRAMES.join(', ')})` : ''].filter(Boolean).join(' or ') +
        '; names it reads: BASE_QUOTE-TIMEFRAME.json[.gz] (ETH_BTC-1m.json), Binance dumps SYMBOL-TIMEFRAME-YYYY-MM[-DD].csv',
    );
  }
  if (!SYMBOL.test(symbol)) throw new InvalidInputError('--symbol', `${JSON.stringify(symbol)} must look like BASE/QUOTE`);
  const rows = await readRows(file, name.format);
  if (rows.length === 0) throw new InvalidInputError(file, 'has no candles');
  return { file, symbol, timeframe, candles: rowsToCandles(rows, file, timeframe) };
}

async function readRows(file: string, format: CandleFileFormat): Promise<readonly unknown[]> {
  if (format === 'json') {
    const rows = await readJsonFile(file);
    if (!Array.isArray(rows)) throw new InvalidInputError(file, 'must be a JSON array of rows');
    return rows as unknown[];
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new InvalidInputError(file, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (format === 'binance-csv') return parseBinanceKlineCsv(bytes.toString('utf8'), file);
  let rows: unknown;
  try {
    rows = JSON.parse(gunzipSync(bytes).toString('utf8')) as unknown;
  } catch (error) {
    throw new InvalidInputError(file, `not gzipped JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(rows)) throw new InvalidInputError(file, 'must be a JSON array of rows');
  return rows as unknown[];
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
