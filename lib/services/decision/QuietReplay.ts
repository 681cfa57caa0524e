import { isPending } from '../../domain/awaitable.js';
import type { Candle, Timeframe } from '../../domain/candle.js';
import type { Market } from '../../domain/market.js';
import type { Plan } from '../../domain/plan.js';
import { type QuietBand, WHOLE_RANGE, bandInsideBoth, isInsideBand } from '../../domain/quietBand.js';
import { findCandleStaleness } from '../../domain/candleTiming.js';
import type { TradingSnapshot } from '../../ports/LedgerStore.js';
import type { ReplaySeries } from '../../strategy/Strategy.js';
import { monitorPlan } from '../plans/monitorPlan.js';
import { floatLevels } from '../plans/floatLevels.js';
import { settledTrailCeiling } from '../plans/trailIsSettled.js';
import { utcDayEnd } from '../risk/dailyRiskState.js';
import { type DecidedSeries, type DecisionSetting, markDecided } from './CandleDecision.js';
import type { DecisionCycleDeps } from './DecisionCycle.js';
import { stopNeed } from './plannedStops.js';
import { NO_PLANS, QuietRunRecord } from './QuietDecision.js';
import { nothingToSettle } from './settlePendingOrders.js';

/**
 * Replay only (a backtest knows its candles ahead): the candles a DecisionCycle is sure to
 * decide quiet, decided ahead of `decide` from the cycle's own snapshot, valuation and
 * series. Such a decision changes nothing but the series' watermark and the closes seen,
 * so those are all this moves. Lambda and `npm start`, given one candle at a time, never
 * use it.
 */
export class QuietReplay {
  constructor(
    private readonly deps: DecisionCycleDeps,
    private readonly setting: DecisionSetting,
    private readonly snapshot: () => TradingSnapshot | undefined,
    private readonly seriesOf: (symbol: string, timeframe: Timeframe) => DecidedSeries,
  ) {}

  /**
   * Decides the series' candles from `from` on as `decide` would one by one, for as long as
   * each is sure to be quiet and the strategy proposes nothing (Strategy.skipQuiet): with no
   * live plan (see quietSeries), or with open plans whose stops rest, each candle inside
   * the band where none of their levels, trails or age limits acts (see plansWatch) and
   * inside `venueBand`, where the venue's resting orders stay as they are. Returns the index
   * of the first candle left for `decide`; `from` when the run cannot start. A candle is
   * decided `decisionLagMs` after it opens (its timeframe, then the schedule's offset).
   */
  decideRun(replay: ReplaySeries, from: number, to: number, decisionLagMs: number, venueBand: QuietBand): number {
    const snapshot = this.snapshot();
    const first = replay.candles[from];
    if (first === undefined || snapshot === undefined) return from;
    const firstAt = first.openTime + decisionLagMs;
    const series = this.quietSeries(snapshot, replay, first, firstAt);
    if (series === undefined) return from;
    const watch = snapshot.livePlans.length === 0 ? NOTHING_WATCHED : this.plansWatch(snapshot, replay.symbol, firstAt);
    if (watch === undefined) return from;
    const band = watch === NOTHING_WATCHED ? venueBand : bandInsideBoth(watch.band, venueBand);
    // A day's first decision rolls the daily-loss state and commits it: the run stops before.
    const opensBefore = Math.min(utcDayEnd(firstAt) - decisionLagMs, watch.closesBefore - series.timeframeMs);
    // In chunks: the strategy usually stops a run long before the band or the day would.
    let next = from;
    for (;;) {
      const chunkEnd = Math.min(to, next + RUN_CHUNK);
      const astir = firstAstir(replay.candles, next, chunkEnd, band, opensBefore);
      const skipped = this.skipQuiet(replay, next, astir);
      const goesOn = skipped === astir && astir === chunkEnd && astir < to;
      next = skipped;
      if (!goesOn) break;
    }
    for (let i = Math.max(from, next - 2); i < next; i++) {
      const candle = replay.candles[i] as Candle;
      this.setting.valuation.observeClose(replay.symbol, candle.openTime + series.timeframeMs, candle.close);
    }
    if (next > from) markDecided(series, replay.candles[next - 1] as Candle);
    return next;
  }

  /** The live plans the runs are decided with: each quiet record lists them. */
  openPlans(): readonly Plan[] {
    return this.snapshot()?.livePlans ?? NO_PLANS;
  }

  /**
   * Decides the series' candle at `index`, which the venue has seen, when it is sure to be
   * quiet (see quietSeries) with live plans: their orders still open at the venue, no level
   * reached, no trail moved, no stop to place or move, and the strategy proposing nothing.
   * Returns the candle's record, or undefined when it is left for `decide`.
   */
  decideCandle(replay: ReplaySeries, index: number, now: number): QuietRunRecord | undefined {
    const snapshot = this.snapshot();
    const candle = replay.candles[index];
    if (candle === undefined || snapshot === undefined) return undefined;
    const series = this.quietSeries(snapshot, replay, candle, now);
    if (series === undefined || !this.plansStayQuiet(snapshot, replay.symbol, candle, series.timeframeMs, now)) return undefined;
    if (this.skipQuiet(replay, index, index + 1) === index) return undefined;
    this.setting.valuation.observeClose(replay.symbol, candle.openTime + series.timeframeMs, candle.close);
    markDecided(series, candle);
    return new QuietRunRecord(this.deps.config.botId, replay.symbol, replay.timeframe, candle, now, snapshot.livePlans);
  }

  /**
   * The series when its candle, decided at `now`, may be decided quiet ahead of the cycle: a
   * strategy that can say so (skipQuiet), no shadows, the bot ACTIVE under RUN, the ledger's
   * watermark taken in, the candle new and not stale, and the day's loss state already rolled.
   */
  private quietSeries(snapshot: TradingSnapshot, replay: ReplaySeries, candle: Candle, now: number): DecidedSeries | undefined {
    const { deps } = this;
    if (deps.strategy.skipQuiet === undefined || deps.shadows !== undefined || snapshot.state.status !== 'ACTIVE' || snapshot.daily === undefined) return undefined;
    const series = this.seriesOf(replay.symbol, replay.timeframe);
    if (series.watermarkOf !== snapshot || candle.openTime <= series.decidedUpTo || deps.killSwitch.read() !== 'RUN') return undefined;
    if (findCandleStaleness(replay.timeframe, candle.openTime, now) !== undefined || this.setting.valuation.startsDay(snapshot.daily, now)) return undefined;
    return series;
  }

  /** What evaluateCandle would find for the symbol's live plans on the candle: nothing to settle, exit, trail or rest. */
  private plansStayQuiet(snapshot: TradingSnapshot, symbol: string, candle: Candle, timeframeMs: number, now: number): boolean {
    const { setting } = this;
    const market = this.marketWithNothingToSettle(snapshot, symbol, now);
    if (market === undefined) return false;
    for (const plan of snapshot.livePlans) {
      if (plan.symbol !== symbol || plan.status !== 'open') continue;
      const check = monitorPlan(plan, candle, market, timeframeMs);
      if (check.plan !== plan || check.exit !== undefined) return false;
      if (setting.stops === 'exchange' && stopNeed(plan) !== undefined) return false;
    }
    return true;
  }

  /**
   * What keeps the symbol's live plans quiet from the candle decided at `now` on, as
   * evaluateCandle would find them: every one open with its stop where it should be and
   * nothing to settle, and each candle inside the band (above every stop in force, below
   * every target and every watermark whose trail is settled, see settledTrailCeiling) and
   * closing before the first age limit. Undefined when no candle is sure to be quiet.
   */
  private plansWatch(snapshot: TradingSnapshot, symbol: string, now: number): PlansWatch | undefined {
    const { setting } = this;
    const market = this.marketWithNothingToSettle(snapshot, symbol, now);
    if (market === undefined) return undefined;
    let lowAbove = Number.NEGATIVE_INFINITY;
    let highBelow = Number.POSITIVE_INFINITY;
    let closesBefore = Number.POSITIVE_INFINITY;
    for (const plan of snapshot.livePlans) {
      if (plan.symbol !== symbol) continue;
      if (plan.status !== 'open' || plan.side !== 'long' || (setting.stops === 'exchange' && stopNeed(plan) !== undefined)) return undefined;
      const levels = floatLevels(plan);
      lowAbove = Math.max(lowAbove, levels.stop);
      highBelow = Math.min(highBelow, levels.target);
      if (plan.trailingStopPct !== undefined) highBelow = Math.min(highBelow, settledTrailCeiling(plan, market));
      if (plan.maxAgeMs !== undefined && plan.maxAgeMs > 0) closesBefore = Math.min(closesBefore, (plan.openedAt ?? plan.createdAt) + plan.maxAgeMs);
    }
    return { band: { lowAbove, highBelow }, closesBefore };
  }

  /** The symbol's market, answered at once, when the venue still holds open every order its plans wait on; else undefined. */
  private marketWithNothingToSettle(snapshot: TradingSnapshot, symbol: string, now: number): Market | undefined {
    const { deps } = this;
    if (!nothingToSettle(symbol, snapshot.livePlans, deps.exchange, now, deps.config.execution.partialEntryRestMs)) return undefined;
    const market = deps.exchange.market(symbol);
    return isPending(market) ? undefined : market;
  }

  private skipQuiet(replay: ReplaySeries, from: number, to: number): number {
    const { strategy } = this.deps;
    return strategy.skipQuiet === undefined ? from : strategy.skipQuiet({ symbol: replay.symbol, timeframe: replay.timeframe, candles: replay.candles, from, to });
  }
}

/** What must hold for a candle to leave the live plans quiet: inside the band, closing before `closesBefore`. */
interface PlansWatch {
  readonly band: QuietBand;
  readonly closesBefore: number;
}

/** Candles a run's band and time limits are checked for at a time, before the strategy takes them in. */
const RUN_CHUNK = 128;

const NOTHING_WATCHED: PlansWatch = Object.freeze({ band: WHOLE_RANGE, closesBefore: Number.POSITIVE_INFINITY });

/** The index of the first candle of [from, to) outside the band or opening at or after `opensBefore` (`to` when none is). */
function firstAstir(candles: readonly Candle[], from: number, to: number, band: QuietBand, opensBefore: number): number {
  for (let i = from; i < to; i++) {
    const candle = candles[i] as Candle;
    if (!(isInsideBand(candle, band) && candle.openTime < opensBefore)) return i;
  }
  return to;
}
