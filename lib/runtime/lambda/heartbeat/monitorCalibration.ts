import type { BotConfig } from '../../../domain/botConfig.js';
import type { Plan } from '../../../domain/plan.js';
import type { Logger } from '../../../ports/Logger.js';
import type { Metrics } from '../../../ports/Metrics.js';
import type { PlanHistory } from '../../../ports/repositories.js';
import type { ShadowStore } from '../../../ports/ShadowStore.js';
import { type CalibrationScore, scoreCalibration } from '../../../services/calibration/scoreCalibration.js';
import { MAIN_SHADOW_ID } from '../../backtest/shadowOnly.js';
import { METRIC_NAMES } from '../metricNames.js';

export const LIVE_BOOK_ID = 'live';
const DAY_MS = 86_400_000;
/** How far back the live book's closed plans are read, per symbol. */
export const LIVE_CALIBRATION_LOOKBACK_DAYS = 30;

/** Built-in strategies that never put a pWin on a proposal: their books have nothing to score, and nothing is read for them. */
const WITHOUT_PWIN = new Set(['ema-crossover', 'rsi-mean-reversion']);

export interface CalibrationBook {
  readonly id: string;
  readonly strategy: string;
}

export interface BookCalibration extends Pick<CalibrationScore, 'outcomes' | 'brier' | 'logLoss' | 'ece' | 'predictedHitRate' | 'realizedHitRate'> {
  readonly book: string;
  /** At least `calibration.minOutcomes`: enough outcomes to judge (and alarm) on. */
  readonly judged: boolean;
}

export interface CalibrationDeps {
  readonly config: BotConfig;
  readonly plans: PlanHistory;
  readonly shadows: Pick<ShadowStore, 'resolvedPlans'>;
  readonly metrics: Metrics;
  readonly now: number;
  readonly logger: Logger;
}

/** The books whose strategy may carry a pWin: the live one (unless it is a shadow itself) and each shadow. */
export function calibratedBooks(config: Pick<BotConfig, 'mode' | 'strategy' | 'shadow'>): CalibrationBook[] {
  const books: CalibrationBook[] = [
    ...(config.mode === 'shadow' ? [{ id: MAIN_SHADOW_ID, strategy: config.strategy.name }] : [{ id: LIVE_BOOK_ID, strategy: config.strategy.name }]),
    ...config.shadow.map((shadow) => ({ id: shadow.id, strategy: shadow.strategy })),
  ];
  return books.filter((book) => !WITHOUT_PWIN.has(book.strategy));
}

/**
 * The calibration monitor, on each heartbeat: every book's newest `calibration.outcomes`
 * resolved plans that carried a pWin (live from the plans table, shadows from the shadow
 * store) scored by scoreCalibration. Each book's figures go to a log line; one metric,
 * CalibrationError, carries the worst expected calibration error among the books judged on
 * at least `minOutcomes` outcomes (one custom metric, one alarm, whatever the number of books;
 * the log line names the book).
 */
export async function monitorCalibration(deps: CalibrationDeps): Promise<readonly BookCalibration[]> {
  const { config } = deps;
  const { outcomes: window, minOutcomes } = config.calibration;
  const results: BookCalibration[] = [];
  for (const book of calibratedBooks(config)) {
    const plans = book.id === LIVE_BOOK_ID ? await liveClosedPlans(deps) : await deps.shadows.resolvedPlans(book.id, window);
    const { outcomes, brier, logLoss, ece, predictedHitRate, realizedHitRate } = scoreCalibration(plans, window);
    results.push({ book: book.id, outcomes, brier, logLoss, ece, predictedHitRate, realizedHitRate, judged: outcomes >= minOutcomes });
  }
  const judged = results.filter((result) => result.judged && result.ece !== null);
  const worst = judged.reduce<BookCalibration | undefined>((a, b) => (a === undefined || (b.ece ?? 0) > (a.ece ?? 0) ? b : a), undefined);
  if (worst?.ece != null) deps.metrics.gauge(METRIC_NAMES.calibrationError, worst.ece);
  // One line per book: the dashboard's calibration table reads the latest of each.
  for (const result of results) deps.logger.info({ ...result, worst: result.book === worst?.book, maxExpectedCalibrationError: config.calibration.maxExpectedCalibrationError }, 'calibration');
  return results;
}

async function liveClosedPlans(deps: CalibrationDeps): Promise<readonly Plan[]> {
  const since = deps.now - LIVE_CALIBRATION_LOOKBACK_DAYS * DAY_MS;
  const symbols = [...new Set(deps.config.symbols.map((s) => s.symbol))];
  return (await Promise.all(symbols.map((symbol) => deps.plans.listClosedSince(symbol, since)))).flat();
}
