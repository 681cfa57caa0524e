import type { Awaitable } from '../domain/awaitable.js';
import type { Candle, Timeframe } from '../domain/candle.js';
import type { CandleWindow } from '../domain/candleWindow.js';
import type { Plan, PlanProposal } from '../domain/plan.js';
import type { MarketSnapshot, MarketSnapshotOptions } from './marketSnapshot.js';

export interface StrategyContext {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** Contiguous closed candles, newest last; it restarts after a gap. */
  readonly window: CandleWindow;
  /** This bot's live plans on every symbol. */
  readonly openPlans: readonly Plan[];
  /** Balances by asset, decimal strings. */
  readonly balances: Readonly<Record<string, string>>;
  /** Plans this process saw close, newest last (a cold process starts with none). */
  readonly recentClosedPlans?: readonly Plan[];
  /**
   * The whole picture as one value (buildMarketSnapshot), made on the first call and kept for
   * the candle (later calls get it whatever their options): a strategy that never asks costs
   * the decision nothing.
   */
  marketSnapshot?(options?: MarketSnapshotOptions): MarketSnapshot;
  /**
   * Up to `count` newest candles of each other timeframe the symbol is configured on, closed
   * by this candle's close (for the snapshot's `otherTimeframes`). Read only when asked: from
   * the candle store in Lambda and `npm start`, from the replay in a backtest.
   */
  otherTimeframeCandles?(count: number): Awaitable<Readonly<Partial<Record<Timeframe, readonly Candle[]>>>>;
  /** Why this candle brought no proposal (a model's refusal, a failed call): kept in the decision record. */
  note?(reason: string): void;
}

/**
 * Turns the latest candle into zero or more plan proposals. A strategy may keep
 * indicator state between calls, but must give the same answer when handed the same
 * window cold (a new Lambda container rebuilds from the window).
 */
export interface Strategy {
  readonly name: string;
  /** Candles the window must hold before the strategy proposes anything. */
  readonly warmupCandles: number;
  /**
   * A strategy that needs I/O (a model runtime, a language model) returns a promise; one
   * that answers at once returns the proposals, and the backtest then never waits on it.
   */
  evaluate(context: StrategyContext): Awaitable<readonly PlanProposal[]>;
  /**
   * Optional; a backtest calls it with each series before replaying it, so a strategy that
   * scores candles (a model) can score them all ahead in batches. A candle's score must come
   * from that candle and the ones before it alone, and evaluate still decides each candle
   * when it comes: the backtest sees no more than live would.
   */
  scoreReplay?(series: ReplaySeries): Promise<void>;
  /**
   * Optional, replay only: takes in the run's candles from `from` on, each as `evaluate`
   * would on a window sliding over them, while none would propose, and returns the index of
   * the first candle left for `evaluate` (`to` when there is none). A candle that would
   * propose may be taken in already: `evaluate` then answers for it without taking it again.
   * A backtest then skips the decision cycle for the candles before it
   * (QuietReplay.decideRun), so this must answer exactly as `evaluate` would. It is
   * called only when `evaluate` decided the candle just before `from`, so its window is warm.
   */
  skipQuiet?(run: QuietRun): number;
}

/** Candles [from, to) of a series, for Strategy.skipQuiet. */
export interface QuietRun extends ReplaySeries {
  readonly from: number;
  readonly to: number;
}

/** A series a backtest replays, oldest candle first. */
export interface ReplaySeries {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly candles: readonly Candle[];
}

/** A strategy that answers at once: every built-in one. */
export interface SynchronousStrategy extends Strategy {
  evaluate(context: StrategyContext): readonly PlanProposal[];
}

export type StrategyFactory = (params: Readonly<Record<string, unknown>>) => Strategy;

export const NO_PROPOSALS: readonly PlanProposal[] = Object.freeze([]);
