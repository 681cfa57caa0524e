import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as z from 'zod';
import { TimeframeSchema } from '../../../domain/candle.js';
import type { BacktestConfig } from '../../../domain/config.js';
import { parseWith } from '../../../domain/validation.js';
import { type CandleSeries, rowsToCandles } from '../../backtest/loadCandleFile.js';
import { type SearchData, prepareSearchData } from '../evaluateWindow.js';
import { OBJECTIVES, type Objective } from '../objectives.js';
import type { TimeWindow } from '../walkForward.js';

/** A run id as runIdOf makes it; the handler builds object keys from it, so nothing else passes. */
export const RunIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be lower-case letters, digits and dashes');

/**
 * Where a distributed run keeps its objects, all under `runs/RUN_ID/`: the candles with
 * the base config and the windows (one gzipped JSON object every task reads), each round's
 * items file, and one result object per item.
 */
export const runKeys = (runId: string) => ({
  prefix: `runs/${runId}/`,
  data: `runs/${runId}/data.json.gz`,
  items: `runs/${runId}/items.json`,
  results: `runs/${runId}/results/`,
  /** Named by a hash of the item's trials and windows: a retried item finds its result, a different one cannot. */
  result: (item: { readonly trials: readonly unknown[]; readonly windows: readonly number[] }) =>
    `runs/${runId}/results/${createHash('sha256').update(JSON.stringify({ trials: item.trials, windows: item.windows })).digest('hex').slice(0, 20)}.json`,
  itemsFile: (round: number) => `runs/${runId}/items-${String(round).padStart(3, '0')}.json`,
});

const RunDataSchema = z.strictObject({
  version: z.literal(1),
  config: z.record(z.string(), z.unknown()),
  objective: z.enum(OBJECTIVES),
  windows: z.array(z.strictObject({ from: z.number(), to: z.number() })).min(2),
  series: z.array(z.strictObject({ file: z.string(), symbol: z.string(), timeframe: TimeframeSchema, rows: z.array(z.array(z.number())) })).min(1),
});

/** The run's data as one object: the candles as rows (numbers survive JSON exactly), gzipped. */
export function encodeRunData(series: readonly CandleSeries[], config: BacktestConfig, objective: Objective, windows: readonly TimeWindow[]): Uint8Array {
  const data = {
    version: 1,
    config,
    objective,
    windows,
    series: series.map((s) => ({ file: s.file, symbol: s.symbol, timeframe: s.timeframe, rows: s.candles.map((c) => [c.openTime, c.open, c.high, c.low, c.close, c.volume]) })),
  };
  return gzipSync(JSON.stringify(data));
}

/** The run's data object read back, its candles checked as a candle file's are. */
export function decodeRunData(bytes: Uint8Array, key: string): SearchData {
  let raw: unknown;
  try {
    raw = JSON.parse(gunzipSync(bytes).toString('utf8'));
  } catch (error) {
    throw new Error(`${key}: not gzipped JSON (${(error as Error).message})`, { cause: error });
  }
  const data = parseWith(RunDataSchema, raw, key);
  // Written by the CLI from a config it validated; parsing it again could fill defaults the local run did not have.
  const config = data.config as unknown as BacktestConfig;
  const series = data.series.map((s) => ({ file: s.file, symbol: s.symbol, timeframe: s.timeframe, candles: rowsToCandles(s.rows, `${key}: ${s.file}`, s.timeframe) }));
  return prepareSearchData(series, config, data.objective, data.windows);
}
