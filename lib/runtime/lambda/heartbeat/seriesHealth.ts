import { type Timeframe, timeframeMs } from '../../../domain/candle.js';
import type { LatestQuote } from '../../../domain/candleQuote.js';
import type { CandleStore } from '../../../ports/CandleStore.js';
import type { TelemetryStore } from '../../../ports/TelemetryStore.js';

/** What the tables say about one configured series now. */
export interface SeriesReading {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** The newest stored candle (with its capture time and quote), if any. */
  readonly latest?: LatestQuote;
  /** `decidedAt` of the newest decision record, if any. */
  readonly lastDecidedAt?: number;
}

export interface SeriesHealth {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly lastOpenTime?: number;
  /** Since the newest candle was stored (its close time when the item has no `capturedAt`). */
  readonly captureAgeMs?: number;
  readonly decisionAgeMs?: number;
  /** The newest candle is no older than capture keeps it (see `isSeriesFresh`). */
  readonly fresh: boolean;
}

/**
 * A series is fresh while its newest stored candle closed at most one timeframe plus two
 * capture periods ago: the candle after it may still be forming (one timeframe) and capture
 * picks a closed one up within a period; a second period allows for one failed run.
 */
export function isSeriesFresh(now: number, lastOpenTime: number | undefined, timeframe: Timeframe, captureMs: number): boolean {
  if (lastOpenTime === undefined) return false;
  const step = timeframeMs(timeframe);
  return now - (lastOpenTime + step) <= step + 2 * captureMs;
}

export function seriesHealth(reading: SeriesReading, now: number, captureMs: number): SeriesHealth {
  const { symbol, timeframe, latest, lastDecidedAt } = reading;
  const storedAt = latest ? (latest.capturedAt ?? latest.openTime + timeframeMs(timeframe)) : undefined;
  return {
    symbol,
    timeframe,
    ...(latest ? { lastOpenTime: latest.openTime } : {}),
    ...(storedAt !== undefined ? { captureAgeMs: now - storedAt } : {}),
    ...(lastDecidedAt !== undefined ? { decisionAgeMs: now - lastDecidedAt } : {}),
    fresh: isSeriesFresh(now, latest?.openTime, timeframe, captureMs),
  };
}

export interface SeriesReadDeps {
  readonly latestQuote: CandleStore['latestQuote'];
  readonly latestDecisionAt: TelemetryStore['latestDecisionAt'];
}

/** Two eventually consistent one-item queries per series (market, telemetry), all at once. */
export function readSeries(series: readonly { readonly symbol: string; readonly timeframe: Timeframe }[], deps: SeriesReadDeps): Promise<SeriesReading[]> {
  return Promise.all(
    series.map(async ({ symbol, timeframe }) => {
      const [latest, lastDecidedAt] = await Promise.all([deps.latestQuote(symbol, timeframe), deps.latestDecisionAt(symbol, timeframe)]);
      return { symbol, timeframe, ...(latest ? { latest } : {}), ...(lastDecidedAt !== undefined ? { lastDecidedAt } : {}) };
    }),
  );
}
