import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Candle, type Timeframe, timeframeMs } from '../../domain/candle.js';
import type { CcxtClient } from '../../adapters/ccxt/CcxtClient.js';
import { backoffDelay } from '../../adapters/ccxt/backoffDelay.js';
import { classifyCcxtError } from '../../adapters/ccxt/classifyCcxtError.js';
import { type RetryTiming, realRetryTiming } from '../../adapters/ccxt/RetryPolicy.js';
import { toClosedCandles } from '../../adapters/ccxt/toClosedCandles.js';
import { loadCandleFile } from '../backtest/loadCandleFile.js';

/** A stretch the venue has no candles for, inside what was downloaded. */
export interface CandleGap {
  /** Open time of the first missing candle. */
  readonly from: number;
  readonly missing: number;
}

export interface SeriesDownload {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly file: string;
  /** Candles already in the file before this run: the download resumed after them. */
  readonly kept: number;
  readonly added: number;
  readonly gaps: readonly CandleGap[];
}

export interface DownloadOptions {
  /** A real ccxt client, its own rate limiter on (`enableRateLimit`). */
  readonly exchange: Pick<CcxtClient, 'fetchOHLCV'> & { fetchTime?: () => Promise<number | undefined> };
  readonly symbols: readonly string[];
  readonly timeframes: readonly Timeframe[];
  readonly since: number;
  /** Exclusive; defaults to the venue's now. */
  readonly until?: number | undefined;
  readonly outDir: string;
  /** Candles a request asks for. @default 1000 (Binance's most) */
  readonly pageLimit?: number;
  /** The file is rewritten after this many pages, so an interrupted download loses little. @default 50 */
  readonly pagesPerSave?: number;
  readonly onPage?: (series: string, lastOpenTime: number, added: number) => void;
  readonly timing?: RetryTiming;
}

const RETRY = { maxAttempts: 6, baseDelayMs: 1_000, maxDelayMs: 30_000 };

/**
 * Downloads closed candles into the backtest's files (`BASE_QUOTE-TIMEFRAME.json` in
 * `outDir`), one series after another. A file already there is resumed after its last
 * candle. The candle still forming at the venue's time is never written. A transient failure
 * (rate limit, timeout, 5xx) is retried with jittered backoff on top of ccxt's own limiter;
 * anything else stops the download with what was fetched saved.
 */
export async function downloadCandles(options: DownloadOptions): Promise<SeriesDownload[]> {
  await mkdir(options.outDir, { recursive: true });
  const results: SeriesDownload[] = [];
  for (const symbol of options.symbols) {
    for (const timeframe of options.timeframes) results.push(await downloadSeries(options, symbol, timeframe));
  }
  return results;
}

async function downloadSeries(options: DownloadOptions, symbol: string, timeframe: Timeframe): Promise<SeriesDownload> {
  const file = join(options.outDir, `${symbol.replace('/', '_')}-${timeframe}.json`);
  const step = timeframeMs(timeframe);
  const candles: Candle[] = existsSync(file) ? [...(await loadCandleFile(file)).candles] : [];
  const kept = candles.length;
  const venueNow = (await withRetries(() => options.exchange.fetchTime?.() ?? Promise.resolve(undefined), options.timing)) ?? Date.now();
  const until = Math.min(options.until ?? Infinity, venueNow);
  const gaps: CandleGap[] = [];
  let cursor = Math.max(options.since, (candles.at(-1)?.openTime ?? -Infinity) + step);
  let pages = 0;
  while (cursor + step <= until) {
    const rows = await withRetries(() => options.exchange.fetchOHLCV(symbol, timeframe, cursor, options.pageLimit ?? 1000), options.timing);
    const page = toClosedCandles(rows, timeframe, venueNow).filter((c) => c.openTime >= cursor && c.openTime + step <= until);
    if (page.length === 0) break;
    for (const candle of page) {
      const previous = candles.at(-1);
      if (previous !== undefined && candle.openTime > previous.openTime + step) {
        gaps.push({ from: previous.openTime + step, missing: (candle.openTime - previous.openTime) / step - 1 });
      }
      candles.push(candle);
    }
    cursor = (page.at(-1) as Candle).openTime + step;
    options.onPage?.(`${symbol} ${timeframe}`, cursor - step, candles.length - kept);
    if (++pages % (options.pagesPerSave ?? 50) === 0) await save(file, candles);
  }
  if (candles.length > kept) await save(file, candles);
  return { symbol, timeframe, file, kept, added: candles.length - kept, gaps };
}

async function withRetries<T>(call: () => Promise<T>, timing: RetryTiming = realRetryTiming): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!classifyCcxtError(error).retryable || attempt >= RETRY.maxAttempts) throw error;
      await timing.sleep(backoffDelay(attempt, RETRY, timing.random));
    }
  }
}

/** Written beside the file and renamed over it: an interrupted write never leaves half a file. */
async function save(file: string, candles: readonly Candle[]): Promise<void> {
  const rows = candles.map((c) => `[${c.openTime},${c.open},${c.high},${c.low},${c.close},${c.volume}]`);
  await writeFile(`${file}.partial`, `[${rows.join(',\n')}]\n`);
  await rename(`${file}.partial`, file);
}
