import type { Candle, Timeframe } from '../../domain/candle.js';
import type { CandleWindow } from '../../domain/candleWindow.js';
import type { DailyRiskState } from '../../domain/dailyRiskState.js';
import type { KillSwitchState } from '../../domain/killSwitch.js';
import type { Market } from '../../domain/market.js';
import type { Plan } from '../../domain/plan.js';
import type { Balances } from '../../ports/Exchange.js';
import type { TimeframeCandles } from '../../ports/TimeframeCandles.js';
import type { Awaitable } from '../../domain/awaitable.js';
import type { TradingSnapshot } from '../../ports/LedgerStore.js';
import { type MarketSnapshot, type MarketSnapshotOptions, buildMarketSnapshot } from '../../strategy/marketSnapshot.js';
import type { Strategy } from '../../strategy/Strategy.js';
import type { RiskContext } from '../risk/RiskContext.js';
import type { DecisionDay, DecisionValuation } from './DecisionValuation.js';
import type { CandleEvaluationInput } from './evaluateCandle.js';
import type { RecentCloses } from './RecentCloses.js';
import { NOTHING_SETTLED, type Settlement, withSettled } from './settlePendingOrders.js';

/** What stays the same for every candle a cycle decides. */
export interface DecisionSetting {
  readonly botId: string;
  readonly strategy: Strategy;
  readonly valuation: DecisionValuation;
  readonly stops: 'exchange' | 'bot';
  readonly maxRestingStops: number;
  readonly recentCloses: RecentCloses;
  /** The symbol's other timeframes' candles, for a strategy that asks (the market snapshot). */
  readonly timeframeCandles?: TimeframeCandles;
}

/** One series a cycle decides, and how far it has decided it. */
export interface DecidedSeries {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly timeframeMs: number;
  /** Open time of the newest candle this process decided, or the ledger's watermark when newer. */
  decidedUpTo: number;
  /** The snapshot whose watermark (`decidedUpTo`) was last taken in: each snapshot is looked at once. */
  watermarkOf?: TradingSnapshot;
}

/** Never lowered: a candle refused by the ledger's watermark leaves the mark where it is. */
export function markDecided(series: DecidedSeries, candle: Candle): void {
  series.decidedUpTo = Math.max(series.decidedUpTo, candle.openTime);
}

/**
 * One candle's decision while it is made: what was read for it, the live plans once the
 * symbol's ended orders are settled, and the day's money figures (equity, the daily-loss
 * state), made only when a proposal or a closing settlement needs them. It is also the
 * strategy's context and evaluateCandle's input, so a quiet candle allocates little more
 * than this one object.
 */
export class CandleDecision implements CandleEvaluationInput {
  openPlans: readonly Plan[];
  readonly balances: Readonly<Record<string, string>>;
  settlement: Settlement = NOTHING_SETTLED;
  strategyNote: string | undefined;
  private day: DecisionDay | undefined;
  private snapshotBuilt: MarketSnapshot | undefined;

  constructor(
    private readonly setting: DecisionSetting,
    readonly snapshot: TradingSnapshot,
    private readonly series: DecidedSeries,
    readonly candle: Candle,
    readonly now: number,
    readonly window: CandleWindow,
    readonly market: Market,
    readonly killSwitch: KillSwitchState,
    private readonly venueBalances: Balances,
  ) {
    this.openPlans = snapshot.livePlans;
    this.balances = setting.valuation.freeBalances(venueBalances);
  }

  get botId(): string {
    return this.setting.botId;
  }

  get strategy(): Strategy {
    return this.setting.strategy;
  }

  get stops(): 'exchange' | 'bot' {
    return this.setting.stops;
  }

  get maxRestingStops(): number {
    return this.setting.maxRestingStops;
  }

  get symbol(): string {
    return this.series.symbol;
  }

  get timeframe(): Timeframe {
    return this.series.timeframe;
  }

  get timeframeMs(): number {
    return this.series.timeframeMs;
  }

  get recentClosedPlans(): readonly Plan[] {
    return this.setting.recentCloses.all;
  }

  marketSnapshot(options?: MarketSnapshotOptions): MarketSnapshot {
    return (this.snapshotBuilt ??= buildMarketSnapshot(this, options));
  }

  otherTimeframeCandles(count: number): Awaitable<Readonly<Partial<Record<Timeframe, readonly Candle[]>>>> {
    const source = this.setting.timeframeCandles;
    const others = source?.timeframesOf(this.symbol).filter((timeframe) => timeframe !== this.timeframe) ?? [];
    if (source === undefined || others.length === 0) return {};
    const closedBy = this.candle.openTime + this.timeframeMs;
    const read = others.map((timeframe) => source.closedBy(this.symbol, timeframe, closedBy, count));
    const byTimeframe = (lists: readonly (readonly Candle[])[]) => Object.fromEntries(others.map((timeframe, i) => [timeframe, lists[i] ?? []]));
    // A replay answers at once, so a backtest's candle stays synchronous; a store answers with promises.
    return read.some((r) => r instanceof Promise) ? Promise.all(read.map((r) => Promise.resolve(r))).then(byTimeframe) : byTimeframe(read as (readonly Candle[])[]);
  }

  note(reason: string): void {
    this.strategyNote = reason;
  }

  /** The symbol's ended orders, settled before the candle is judged; a plan they close rolls the day. */
  settled(settlement: Settlement): void {
    // Most candles of an open plan: its stop still rests, and nothing moved.
    if (settlement === NOTHING_SETTLED) return;
    this.settlement = settlement;
    this.setting.recentCloses.observe(settlement.plans);
    this.openPlans = withSettled(this.snapshot.livePlans, settlement);
    if (settlement.plans.length > 0) this.dayFigures();
  }

  /** The day's first decision rolls the daily-loss state, so the day starts from the equity it had then. */
  rollDayIfNew(): void {
    if (this.setting.valuation.startsDay(this.snapshot.daily, this.now)) this.dayFigures();
  }

  riskContext(): RiskContext {
    return this.dayFigures().riskContext(this.killSwitch, this.market, this.window);
  }

  /** The day's state when this decision moved it, to be committed with it. */
  dailyChanged(): DailyRiskState | undefined {
    return this.day?.dailyChanged();
  }

  private dayFigures(): DecisionDay {
    return (this.day ??= this.setting.valuation.startDecision(this.snapshot, this.openPlans, this.venueBalances, this.market.quote, this.now, this.settlement));
  }
}
