import type { Timeframe } from '../../../domain/candle.js';
import { TraderError } from '../../../domain/errors.js';
import type { Clock } from '../../../ports/Clock.js';
import { type SeriesDeps, type SeriesTask, captureSeries } from './captureSeries.js';
import { quoteTimeframes } from './quoteTimeframes.js';
import { runWithConcurrency } from './runWithConcurrency.js';

/** Symbols captured at once. Each symbol's timeframes go one after another; ccxt paces its own requests. */
export const SYMBOL_CONCURRENCY = 4;

export interface CaptureDeps extends SeriesDeps {
  readonly symbols: readonly { readonly symbol: string; readonly timeframe: Timeframe }[];
  readonly clock: Clock;
}

export interface SeriesFailure {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly error: string;
}

export interface CaptureSummary {
  readonly series: number;
  readonly stored: number;
  readonly published: number;
  /** Candles stored but not decided because they closed too long ago. */
  readonly stale: number;
  /** In configuration order. */
  readonly failed: readonly SeriesFailure[];
}

/**
 * One capture run over every configured series. A series that fails (venue, DynamoDB or
 * queue) is logged and listed in the summary; every other series is still captured.
 * A symbol's shortest timeframe goes first: it carries the quote and feeds the paper venue.
 */
export async function captureClosedCandles(deps: CaptureDeps): Promise<CaptureSummary> {
  const now = deps.clock.now();
  const primary = quoteTimeframes(deps.symbols);
  const bySymbol = new Map<string, SeriesTask[]>();
  for (const { symbol, timeframe } of deps.symbols) {
    const tasks = bySymbol.get(symbol) ?? [];
    tasks.push({ symbol, timeframe, primary: primary.get(symbol) === timeframe });
    bySymbol.set(symbol, tasks);
  }
  const totals = { stored: 0, published: 0, stale: 0 };
  const failures = new Map<string, SeriesFailure>();
  await runWithConcurrency([...bySymbol.values()], SYMBOL_CONCURRENCY, async (tasks) => {
    for (const task of tasks.sort((a, b) => Number(b.primary) - Number(a.primary))) {
      const { symbol, timeframe } = task;
      try {
        const result = await captureSeries(deps, task, now);
        totals.stored += result.stored;
        totals.published += result.published;
        totals.stale += result.stale;
        if (result.error !== undefined) failures.set(`${symbol}#${timeframe}`, { symbol, timeframe, error: result.error });
      } catch (error) {
        deps.logger.error({ symbol, timeframe, err: error }, 'series not captured');
        failures.set(`${symbol}#${timeframe}`, { symbol, timeframe, error: error instanceof Error ? error.message : String(error) });
      }
    }
  });
  const failed = deps.symbols.flatMap(({ symbol, timeframe }) => failures.get(`${symbol}#${timeframe}`) ?? []);
  const summary = { series: deps.symbols.length, ...totals, failed };
  const fields = { ...summary, failed: failed.map((f) => `${f.symbol} ${f.timeframe}`) };
  if (failed.length > 0) deps.logger.error(fields, 'capture finished with failures');
  else deps.logger.info(fields, 'capture finished');
  return summary;
}

/** Thrown after a run in which some series failed, so the function's Errors metric (and its alarm) count it. */
export class CaptureFailedError extends TraderError {
  override readonly name = 'CaptureFailedError';

  constructor(readonly failed: readonly SeriesFailure[]) {
    super(`capture failed for ${failed.map((f) => `${f.symbol} ${f.timeframe} (${f.error})`).join(', ')}`);
  }
}
