import { type Candle, type Timeframe, timeframeMs } from '../../../domain/candle.js';
import { type CandleQuote, CandleQuoteSchema } from '../../../domain/candleQuote.js';
import type { Market } from '../../../domain/market.js';
import type { Fill } from '../../../domain/order.js';
import type { CandleStore } from '../../../ports/CandleStore.js';
import type { DecisionQueue, PublishReport } from '../../../ports/DecisionQueue.js';
import type { Logger } from '../../../ports/Logger.js';
import { type FetchClosedCandles, fetchClosedSince } from './fetchClosedSince.js';
import { selectDecidable } from './selectDecidable.js';

/** The venue's public data (CcxtExchange in Lambda). */
export interface CaptureMarketData {
  /** Closed candles only. */
  fetchClosedCandles(...args: Parameters<FetchClosedCandles>): ReturnType<FetchClosedCandles>;
  fetchQuote(symbol: string): Promise<CandleQuote>;
  market(symbol: string): Promise<Market>;
}

/** Where candles are kept: the part of the CandleStore capture uses. */
export type CaptureCandleStore = Pick<CandleStore, 'resumePoint' | 'put' | 'window' | 'setUnpublished'>;

/** The paper venue, which fills its resting orders against the candles it is shown. */
export interface PaperAdvance {
  advance(symbol: string, market: Market, candles: readonly Candle[]): Promise<readonly Fill[]>;
}

const NOTHING_PUBLISHED: PublishReport = { published: 0, failed: [] };

export interface SeriesDeps {
  readonly marketData: CaptureMarketData;
  readonly store: CaptureCandleStore;
  readonly queue: DecisionQueue;
  /** Paper mode only. */
  readonly paper?: PaperAdvance;
  readonly logger: Logger;
  /** Candles fetched on a series' first capture, and the most fetched after an outage. */
  readonly historyCandles: number;
}

export interface SeriesTask {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** The symbol's shortest timeframe: its candles carry the quote and drive the paper venue. */
  readonly primary: boolean;
}

export interface SeriesResult {
  readonly stored: number;
  readonly published: number;
  readonly stale: number;
  /** Set when some decision messages were not published (each is logged by the queue). */
  readonly error?: string;
}

/**
 * One capture of one series: resume after the newest stored candle (never further back than
 * `historyCandles`), fetch what has closed since, store it, show it to the paper venue, then
 * publish a decision message per decidable candle. Storing comes first, so a decided candle
 * is always in the window; a rerun stores the same items again and publishes nothing
 * already stored.
 *
 * The candles to publish are written with the stored candles as an outbox (`unpublished`),
 * cleared once SQS has taken them, so a run that dies (or fails to publish) between storing
 * and publishing leaves them to the next run, which publishes them first (stale or not: the
 * decision records a stale one skipped). A publish done twice is harmless: SQS FIFO drops a deduplication id it has
 * seen in the last five minutes. In a run that publishes, that is one more DynamoDB call
 * (the clearing update); the outbox is read with the resume point, at no cost.
 */
export async function captureSeries(deps: SeriesDeps, task: SeriesTask, now: number): Promise<SeriesResult> {
  const { symbol, timeframe } = task;
  const step = timeframeMs(timeframe);
  const resume = await deps.store.resumePoint(symbol, timeframe);
  const historyStart = Math.floor(now / step) * step - deps.historyCandles * step;
  const since = resume === undefined ? historyStart : Math.max(resume.openTime + step, historyStart);
  const fetch: FetchClosedCandles = (...args) => deps.marketData.fetchClosedCandles(...args);
  const candles = await fetchClosedSince(fetch, symbol, timeframe, since, now);
  const outbox = resume?.unpublished ?? [];
  if (candles.length === 0 && outbox.length === 0) return { stored: 0, published: 0, stale: 0 };

  const unpublished = outbox.length > 0 ? await storedCandles(deps.store, symbol, timeframe, outbox) : [];
  if (unpublished.length > 0) deps.logger.warn({ symbol, timeframe, openTimes: unpublished.map((c) => c.openTime) }, 'candles an earlier run stored but did not publish: publishing them');
  const { decide, stale } = selectDecidable(candles, timeframe, resume === undefined, now, unpublished);
  if (stale.length > 0) {
    deps.logger.warn({ symbol, timeframe, count: stale.length, from: stale[0]?.openTime, to: stale[stale.length - 1]?.openTime }, 'stale candles: published all the same, the decision records them skipped');
  }
  const toPublish = decide.map((candle) => candle.openTime);
  if (candles.length > 0) {
    const quote = task.primary ? await fetchQuote(deps, symbol) : undefined;
    await deps.store.put(symbol, timeframe, candles, now, { ...(quote ? { quote } : {}), unpublished: toPublish });
    if (task.primary && deps.paper) {
      const fills = await deps.paper.advance(symbol, await deps.marketData.market(symbol), candles);
      if (fills.length > 0) deps.logger.info({ symbol, timeframe, fills: fills.length }, 'paper orders filled');
    }
  }

  const report = decide.length > 0 ? await deps.queue.publish(decide.map((candle) => ({ symbol, timeframe, candle }))) : NOTHING_PUBLISHED;
  // The newest stored candle carries the outbox: the one just stored, else the resume point.
  const carrier = candles.at(-1)?.openTime ?? resume!.openTime;
  const carried = candles.length > 0 ? toPublish : outbox;
  const still = report.failed.map((failure) => failure.message.candle.openTime);
  if (still.length < carried.length) await deps.store.setUnpublished(symbol, timeframe, carrier, still);
  const result = { stored: candles.length, published: report.published, stale: stale.length };
  if (report.failed.length === 0) return result;
  const error = `${report.failed.length} of ${decide.length} decision messages not published (${report.failed[0]?.reason ?? 'no reason'})`;
  deps.logger.error({ symbol, timeframe, error }, 'candles stored, decisions not all published: the next run publishes them');
  return { ...result, error };
}

/** The stored candles at `openTimes` (an outbox); one that has expired meanwhile is not there. */
async function storedCandles(store: CaptureCandleStore, symbol: string, timeframe: Timeframe, openTimes: readonly number[]): Promise<Candle[]> {
  const wanted = new Set(openTimes);
  const window = await store.window(symbol, timeframe, Math.min(...openTimes), Math.max(...openTimes) + 1);
  return window.filter((candle) => wanted.has(candle.openTime));
}

/** The symbol's quote, or undefined when the venue could not give a usable one: candles are captured regardless. */
async function fetchQuote(deps: SeriesDeps, symbol: string): Promise<CandleQuote | undefined> {
  try {
    return CandleQuoteSchema.parse(await deps.marketData.fetchQuote(symbol));
  } catch (error) {
    deps.logger.warn({ symbol, err: error }, 'ticker not captured');
    return undefined;
  }
}
