import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCandleFile } from '../../../lib/runtime/backtest/loadCandleFile.js';

const MINUTE = 60_000;
/** 2018-01-20T04:53Z, on the minute. */
const T0 = 1_516_423_980_000;
/** A sound 1m row `i` minutes after T0. */
const row = (i: number): unknown[] => [T0 + i * MINUTE, 0.0894, 0.0895, 0.0891, 0.0892, 81.45];
/** Sound rows 0 and 1, then `bad` as row 2. */
const third = (bad: unknown): string => JSON.stringify([row(0), row(1), bad]);
const withColumn = (index: number, value: unknown): unknown[] => row(2).map((v, i) => (i === index ? value : v));
const SHAPE = 'must be [openTimeMs, open, high, low, close, volume] numbers';

// [the bad input, file name, content, what the error says after the file's name]
const CASES: readonly (readonly [string, string, string, string])[] = [
  ['text that is not JSON', 'ETH_BTC-1m.json', '<html>502 Bad Gateway</html>', ': not JSON: '],
  ['an empty file', 'ETH_BTC-1m.json', '', ': not JSON: '],
  ['a NaN literal', 'ETH_BTC-1m.json', `[[${T0}, NaN, 1, 1, 1, 1]]`, ': not JSON: '],
  ['a file cut short', 'ETH_BTC-1m.json', third(row(2)).slice(0, -5), ': not JSON: '],
  ['an object instead of rows', 'ETH_BTC-1m.json', JSON.stringify({ candles: [row(0)] }), ': must be a JSON array of rows'],
  ['no rows', 'ETH_BTC-1m.json', '[]', ': has no candles'],
  ['a row that is an object', 'ETH_BTC-1m.json', third({ openTime: T0 + 2 * MINUTE }), `: row 2: ${SHAPE}; it is an object, not an array`],
  ['a row that is null', 'ETH_BTC-1m.json', third(null), `: row 2: ${SHAPE}; it is null, not an array`],
  ['a row of five values', 'ETH_BTC-1m.json', third(row(2).slice(0, 5)), `: row 2: ${SHAPE}; it has 5 values, not 6`],
  ['a row of seven values', 'ETH_BTC-1m.json', third([...row(2), 12]), `: row 2: ${SHAPE}; it has 7 values, not 6`],
  ['a price as a string', 'ETH_BTC-1m.json', third(withColumn(2, '0.0895')), `: row 2: ${SHAPE}; high is "0.0895", not a number`],
  ['a "NaN" string', 'ETH_BTC-1m.json', third(withColumn(3, 'NaN')), `: row 2: ${SHAPE}; low is "NaN", not a number`],
  ['a null close', 'ETH_BTC-1m.json', third(withColumn(4, null)), `: row 2: ${SHAPE}; close is null, not a number`],
  ['a time as a string', 'ETH_BTC-1m.json', third(withColumn(0, String(T0 + 2 * MINUTE))), `: row 2: ${SHAPE}; openTime is "${T0 + 2 * MINUTE}", not a number`],
  ['a negative price', 'ETH_BTC-1m.json', third(withColumn(1, -0.0894)), ': row 2: open: -0.0894 is not a positive finite price'],
  ['a zero price', 'ETH_BTC-1m.json', third(withColumn(4, 0)), ': row 2: close: 0 is not a positive finite price'],
  ['a negative volume', 'ETH_BTC-1m.json', third(withColumn(5, -1)), ': row 2: volume: -1 is not a non-negative number'],
  ['a high below the low', 'ETH_BTC-1m.json', third(withColumn(2, 0.089)), ': row 2: high: below open, close or low'],
  ['an open above the high', 'ETH_BTC-1m.json', third(withColumn(1, 0.09)), ': row 2: high: below open, close or low'],
  ['a close below the low', 'ETH_BTC-1m.json', third(withColumn(4, 0.088)), ': row 2: low: above open or close'],
  ['an open below the low', 'ETH_BTC-1m.json', third(withColumn(1, 0.088)), ': row 2: low: above open or close'],
  ['a duplicated time', 'ETH_BTC-1m.json', third(row(1)), `: row 2: openTime ${T0 + MINUTE} is not after the previous row's ${T0 + MINUTE} (rows must be sorted, without duplicates)`],
  ['a time out of order', 'ETH_BTC-1m.json', third(row(0)), `: row 2: openTime ${T0} is not after the previous row's ${T0 + MINUTE}`],
  ['a time off the 1m grid', 'ETH_BTC-1m.json', third(withColumn(0, T0 + 2 * MINUTE + 30_000)), `: row 2: openTime ${T0 + 2 * MINUTE + 30_000} is not on the 1m grid (a multiple of 60000 ms)`],
  // Rows 2 and 7 open at 04:55 and 05:00; row 8 at 05:01.
  ['a time off the 5m grid', 'LTC_BTC-5m.json', JSON.stringify([row(2), row(7), row(8)]), `: row 2: openTime ${T0 + 8 * MINUTE} is not on the 5m grid (a multiple of 300000 ms)`],
  ['a fractional time', 'ETH_BTC-1m.json', third(withColumn(0, T0 + 2 * MINUTE + 0.5)), ': row 2: openTime: not a non-negative integer'],
  ['a name without a timeframe', 'ETH_BTC.json', third(row(2)), ': the name does not say the symbol (give --symbol BASE/QUOTE) or timeframe (give --timeframe'],
  ['a name with an unknown timeframe', 'ETH_BTC-7m.json', third(row(2)), ': the name does not say the timeframe (give --timeframe, one of 1m,'],
  ['a name without a quote', 'ETH-1m.json', third(row(2)), ': the name does not say the symbol (give --symbol BASE/QUOTE)'],
];

describe('Bad input: candle files the loader refuses (backtest and npm start)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bad-candles-'));
  });

  let sequence = 0;
  /** Each file in a folder of its own: the name is part of the input. */
  async function fileWith(name: string, content: string): Promise<string> {
    sequence += 1;
    await mkdir(join(dir, String(sequence)));
    const file = join(dir, String(sequence), name);
    await writeFile(file, content);
    return file;
  }

  it.each(CASES)('refuses %s, naming the file, the row and the field', async (_what, name, content, says) => {
    const file = await fileWith(name, content);
    await expect(loadCandleFile(file)).rejects.toThrow(`${file}${says}`);
  });

  it('reads the same sound rows it is given (the control)', async () => {
    const file = await fileWith('ETH_BTC-1m.json', JSON.stringify([row(0), row(1), row(2)]));
    const series = await loadCandleFile(file);
    expect(series).toMatchObject({ symbol: 'ETH/BTC', timeframe: '1m' });
    expect(series.candles.map((c) => c.openTime)).toEqual([T0, T0 + MINUTE, T0 + 2 * MINUTE]);
  });
});
