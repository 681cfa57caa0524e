import { type Awaitable, andThen, isPending } from '../../domain/awaitable.js';
import { type Candle, type Timeframe, timeframeMs } from '../../domain/candle.js';
import { findCandleStaleness } from '../../domain/candleTiming.js';
import type { TradingConfig } from '../../domain/config.js';
import type { DailyRiskState } from '../../domain/dailyRiskState.js';
import type { DecisionRecord, OrderSummary } from '../../domain/decisionRecord.js';
import { DecisionAlreadyRecordedError, LedgerChangedError } from '../../domain/errors.js';
import type { KillSwitchState } from '../../domain/killSwitch.js';
import type { Market } from '../../domain/market.js';
import type { Plan } from '../../domain/plan.js';
import type { CandleWindows } from '../../ports/CandleWindows.js';
import type { Clock } from '../../ports/Clock.js';
import type { Balances, Exchange } from '../../ports/Exchange.js';
import type { KillSwitch } from '../../ports/KillSwitch.js';
import { type LedgerStore, type TradingSnapshot, decidedSeriesKey } from '../../ports/LedgerStore.js';
import type { Logger } from '../../ports/Logger.js';
import { buildDecisionRecord } from '../telemetry/buildDecisionRecord.js';
import type { Strategy } from '../../strategy/Strategy.js';
import { CandleDecision, type DecidedSeries, type DecisionSetting, markDecided } from './CandleDecision.js';
import { DecisionValuation } from './DecisionValuation.js';
import { advanceSnapshot } from './advanceSnapshot.js';
import { type CandleEvaluation, evaluateCandle } from './evaluateCandle.js';
import { type DecisionOutcome, type SettlementOutcome, DUPLICATE, skippedRecord } from './DecisionOutcome.js';
import { type Settlement, hasPendingOrders, settlePendingOrders } from './settlePendingOrders.js';
import { NO_PLANS, QuietDecision } from './QuietDecision.js';
import { QuietReplay } from './QuietReplay.js';
import { sendDecisionOrders, sendsOrders } from './sendDecisionOrders.js';
import type { ShadowDecisions } from './ShadowFleet.js';
import type { CandleWindow } from '../../domain/candleWindow.js';
import { RecentCloses } from './RecentCloses.js';
import type { TimeframeCandles } from '../../ports/TimeframeCandles.js';

export type { DecisionOutcome } from './DecisionOutcome.js';

export interface DecisionCycleDeps {
  readonly ledger: LedgerStore;
  readonly exchange: Exchange;
  readonly killSwitch: KillSwitch;
  readonly clock: Clock;
  readonly config: TradingConfig;
  readonly strategy: Strategy;
  readonly windows: CandleWindows;
  /** Where a decision that changes nothing else is recorded when the bot is not ACTIVE. */
  readonly recordSkipped: (record: DecisionRecord) => Promise<void>;
  readonly logger: Logger;
  /** Shadow strategies that decide every candle this cycle decides, on its window; they never send an order. */
  readonly shadows?: ShadowDecisions;
  /** The symbols' other configured timeframes' candles, for the market snapshot of a strategy that asks. */
  readonly timeframeCandles?: TimeframeCandles;
}

/** Times a decision is made again on a fresh snapshot after another writer moved the ledger. */
const MAX_STALE_RETRIES = 2;

/**
 * The one decision engine: a closed candle is decided by settling the symbol's pending
 * orders → plans → strategy → risk → execution, then one commit when anything changed.
 * Lambda, `npm start` and the backtest run this same code over different adapters.
 *
 * The snapshot is kept while the process lives and checked by every write, so a warm
 * decision that changes nothing costs no DynamoDB call. Nothing is awaited that the ports
 * already have: over memory adapters a quiet candle is decided synchronously.
 */
export class DecisionCycle {
  private snapshot: TradingSnapshot | undefined;
  /** Symbol → timeframe → the series and the newest candle this process decided of it. */
  private readonly series = new Map<string, Map<Timeframe, DecidedSeries>>();
  /** The series decided last: a backtest of one series, or a batch of one symbol, asks for it again and again. */
  private lastSeries: DecidedSeries | undefined;
  private readonly setting: DecisionSetting;
  /** Replay only: candles sure to be quiet, decided ahead of `decide` (see QuietReplay). */
  readonly quiet: QuietReplay;

  constructor(private readonly deps: DecisionCycleDeps) {
    this.setting = { botId: deps.config.botId, strategy: deps.strategy, valuation: new DecisionValuation(deps.config.risk), stops: deps.config.execution.stops, maxRestingStops: deps.config.execution.maxRestingStopsPerSymbol, recentCloses: new RecentCloses(), ...(deps.timeframeCandles ? { timeframeCandles: deps.timeframeCandles } : {}) };
    this.quiet = new QuietReplay(deps, this.setting, () => this.snapshot, (symbol, timeframe) => this.seriesOf(symbol, timeframe));
  }

  decide(symbol: string, timeframe: Timeframe, candle: Candle): Awaitable<DecisionOutcome> {
    const series = this.seriesOf(symbol, timeframe);
    // FIFO order holds a symbol's candles in order; only a message handled before comes back
    // older (a lost delete, an at-least-once repeat). Deciding it again would act on the past.
    if (candle.openTime <= series.decidedUpTo) return DUPLICATE;
    const outcome = this.attempt(series, candle, 0);
    if (isPending(outcome)) return markDecidedLater(series, candle, outcome);
    markDecided(series, candle);
    return outcome;
  }

  /**
   * Settles the symbol's ended orders without deciding a candle: what a run that stops
   * (the end of a backtest) does with orders the venue filled after the last decision.
   */
  async settle(symbol: string): Promise<SettlementOutcome> {
    const snapshot = (this.snapshot ??= await this.deps.ledger.load());
    if (!hasPendingOrders(symbol, snapshot.livePlans)) return { settled: [], settledFills: 0 };
    const now = this.deps.clock.now();
    const settlement = await settlePendingOrders(symbol, snapshot.livePlans, this.deps.exchange, now, this.deps.logger, this.deps.config.execution.partialEntryRestMs);
    if (settlement.orders.length === 0) return { settled: [], settledFills: 0 };
    const version = await this.deps.ledger.commit({
      ledgerVersion: snapshot.state.ledgerVersion,
      now,
      plans: settlement.plans.map((plan) => ({ plan, expectedVersion: versionOf(snapshot, plan) })),
      orders: settlement.orders,
      fills: settlement.fills,
      ...(settlement.stopOuts.size > 0 ? { stopOuts: settlement.stopOuts } : {}),
    });
    this.snapshot = advanceSnapshot(snapshot, version, now, settlement.plans, undefined, settlement.stopOuts);
    return { settled: settlement.plans, settledFills: settlement.fills.length };
  }

  private attempt(series: DecidedSeries, candle: Candle, attempt: number): Awaitable<DecisionOutcome> {
    const snapshot = this.snapshot;
    if (snapshot === undefined) return this.attemptOnLoaded(series, candle, attempt);
    let outcome: Awaitable<DecisionOutcome>;
    try {
      outcome = this.decideOn(snapshot, series, candle);
    } catch (error) {
      return this.afterFailure(error, series, candle, attempt);
    }
    return isPending(outcome) ? this.failingLater(outcome, series, candle, attempt) : outcome;
  }

  // The continuations live in methods of their own: a closure in a hot method would have
  // every call, synchronous or not, allocate the variables it captures.
  private attemptOnLoaded(series: DecidedSeries, candle: Candle, attempt: number): Promise<DecisionOutcome> {
    return this.deps.ledger.load().then((loaded) => {
      this.snapshot = loaded;
      return this.attempt(series, candle, attempt);
    });
  }

  private failingLater(outcome: Promise<DecisionOutcome>, series: DecidedSeries, candle: Candle, attempt: number): Promise<DecisionOutcome> {
    return outcome.catch((error: unknown) => this.afterFailure(error, series, candle, attempt));
  }

  private afterFailure(error: unknown, series: DecidedSeries, candle: Candle, attempt: number): Awaitable<DecisionOutcome> {
    this.snapshot = undefined;
    if (error instanceof DecisionAlreadyRecordedError) return DUPLICATE;
    if (!(error instanceof LedgerChangedError) || attempt >= MAX_STALE_RETRIES) throw error;
    const { symbol, timeframe } = series;
    this.deps.logger.info({ symbol, timeframe, openTime: candle.openTime, attempt }, 'ledger moved during the decision; deciding again');
    return this.attempt(series, candle, attempt + 1);
  }

  private decideOn(snapshot: TradingSnapshot, series: DecidedSeries, candle: Candle): Awaitable<DecisionOutcome> {
    const { deps, setting } = this;
    const { symbol } = series;
    if (series.watermarkOf !== snapshot) {
      // How far the ledger has decided the series: a cold process, or one another writer
      // overtook, must not decide an older candle again (its in-memory mark knows none of it).
      series.watermarkOf = snapshot;
      const committed = snapshot.decidedUpTo?.get(decidedSeriesKey(symbol, series.timeframe));
      if (committed !== undefined && committed > series.decidedUpTo) series.decidedUpTo = committed;
      if (candle.openTime <= series.decidedUpTo) return DUPLICATE;
    }
    setting.valuation.observeClose(symbol, candle.openTime + series.timeframeMs, candle.close);
    // Read together: one round trip where the ports are remote, none where they are at hand.
    const window = deps.windows.advance(symbol, series.timeframe, candle);
    const market = deps.exchange.market(symbol);
    const killSwitch = deps.killSwitch.read();
    const balances = deps.exchange.fetchBalances();
    const now = deps.clock.now();
    if (isPending(window) || isPending(market) || isPending(killSwitch) || isPending(balances)) {
      return this.decideOnRead(snapshot, series, candle, now, Promise.all([window, market, killSwitch, balances]));
    }
    const outcome = this.settleThenJudge(new CandleDecision(setting, snapshot, series, candle, now, window, market, killSwitch, balances));
    return deps.shadows === undefined ? outcome : this.withShadows(deps.shadows, outcome, series, candle, window);
  }

  private decideOnRead(snapshot: TradingSnapshot, series: DecidedSeries, candle: Candle, now: number, read: Promise<[CandleWindow, Market, KillSwitchState, Balances]>): Promise<DecisionOutcome> {
    return read.then(([window, market, killSwitch, balances]) => {
      const outcome = this.settleThenJudge(new CandleDecision(this.setting, snapshot, series, candle, now, window, market, killSwitch, balances));
      return this.deps.shadows === undefined ? outcome : this.withShadows(this.deps.shadows, outcome, series, candle, window);
    });
  }

  /** Once the live decision is made, the shadows decide the same candle on the same window. */
  private withShadows(shadows: ShadowDecisions, outcome: Awaitable<DecisionOutcome>, series: DecidedSeries, candle: Candle, window: CandleWindow): Awaitable<DecisionOutcome> {
    return andThen(outcome, (decided) => andThen(shadows.decide(series.symbol, series.timeframe, candle, window), () => decided));
  }

  private settleThenJudge(decision: CandleDecision): Awaitable<DecisionOutcome> {
    const { deps } = this;
    const { snapshot, symbol } = decision;
    const skipped = snapshot.state.status !== 'ACTIVE' ? `bot is ${snapshot.state.status}` : findCandleStaleness(decision.timeframe, decision.candle.openTime, decision.now);
    if (skipped !== undefined) return this.skip(skippedRecord(deps.config.botId, decision, snapshot.livePlans.length, skipped));
    if (!hasPendingOrders(symbol, snapshot.livePlans)) return this.judge(decision);
    const settlement = settlePendingOrders(symbol, snapshot.livePlans, deps.exchange, decision.now, deps.logger, deps.config.execution.partialEntryRestMs);
    if (isPending(settlement)) return this.judgeOnceSettled(decision, settlement);
    decision.settled(settlement);
    return this.judge(decision);
  }

  private skip(record: DecisionRecord): Promise<DecisionOutcome> {
    return this.deps.recordSkipped(record).then(() => ({ kind: 'skipped', record }));
  }

  private judgeOnceSettled(decision: CandleDecision, settlement: Promise<Settlement>): Promise<DecisionOutcome> {
    return settlement.then((settled) => {
      decision.settled(settled);
      return this.judge(decision);
    });
  }

  /** Waits only for a strategy that answers later: a synchronous one goes straight on. */
  private judge(decision: CandleDecision): Awaitable<DecisionOutcome> {
    decision.rollDayIfNew();
    const evaluation = evaluateCandle(decision);
    return isPending(evaluation) ? this.concludeOnceEvaluated(decision, evaluation) : this.conclude(decision, evaluation);
  }

  private concludeOnceEvaluated(decision: CandleDecision, evaluation: Promise<CandleEvaluation>): Promise<DecisionOutcome> {
    return evaluation.then((evaluated) => this.conclude(decision, evaluated));
  }

  private conclude(decision: CandleDecision, evaluation: CandleEvaluation): Awaitable<DecisionOutcome> {
    const dailyChanged = decision.dailyChanged();
    const changesLedger = sendsOrders(evaluation) || evaluation.updatedPlans.length > 0 || decision.settlement.orders.length > 0 || dailyChanged !== undefined;
    // A candle that changes nothing writes nothing: its record is the decision's log line.
    // (Most candles; a written record would be the bot's largest cost.) Re-deciding such a
    // candle on redelivery changes nothing either.
    if (!changesLedger) {
      if (evaluation.verdicts.length === 0) return new QuietDecision(decision, evaluation);
      return { kind: 'decided', record: buildDecisionRecord(decision, evaluation, NO_ORDERS), settled: NO_PLANS, settledFills: 0 };
    }
    return this.actAndCommit(decision, evaluation, dailyChanged);
  }

  private async actAndCommit(decision: CandleDecision, evaluation: CandleEvaluation, dailyChanged: DailyRiskState | undefined): Promise<DecisionOutcome> {
    const { snapshot, symbol, timeframe, candle, now, settlement } = decision;
    // A cold process cannot tell a repeated message by its order: a candle whose decision
    // sent orders has its record, and is not acted on again (the commit would refuse it
    // after the orders went out).
    if (sendsOrders(evaluation) && (await this.deps.ledger.decisionRecorded(symbol, timeframe, candle.openTime))) {
      throw new DecisionAlreadyRecordedError(symbol, timeframe, candle.openTime);
    }
    const { plans, orders, summaries, fills } = await sendDecisionOrders({ ...this.deps, config: this.deps.config.execution }, symbol, snapshot, evaluation, candle.close, settlement.plans);
    const record = buildDecisionRecord(decision, evaluation, summaries);
    const version = await this.deps.ledger.commit({
      ledgerVersion: snapshot.state.ledgerVersion,
      now,
      plans: plans.map((plan) => ({ plan, expectedVersion: versionOf(snapshot, plan) })),
      orders: [...settlement.orders, ...orders],
      fills: fills.length > 0 ? [...settlement.fills, ...fills] : settlement.fills,
      ...(dailyChanged ? { daily: dailyChanged } : {}),
      ...(settlement.stopOuts.size > 0 ? { stopOuts: settlement.stopOuts } : {}),
      decision: record,
    });
    this.snapshot = advanceSnapshot(snapshot, version, now, plans, dailyChanged, settlement.stopOuts);
    return { kind: 'decided', record, settled: settlement.plans, settledFills: settlement.fills.length + fills.length };
  }

  private seriesOf(symbol: string, timeframe: Timeframe): DecidedSeries {
    const last = this.lastSeries;
    if (last !== undefined && last.symbol === symbol && last.timeframe === timeframe) return last;
    let byTimeframe = this.series.get(symbol);
    if (byTimeframe === undefined) this.series.set(symbol, (byTimeframe = new Map<Timeframe, DecidedSeries>()));
    let series = byTimeframe.get(timeframe);
    if (series === undefined) byTimeframe.set(timeframe, (series = { symbol, timeframe, timeframeMs: timeframeMs(timeframe), decidedUpTo: -Infinity }));
    return (this.lastSeries = series);
  }
}

function markDecidedLater(series: DecidedSeries, candle: Candle, outcome: Promise<DecisionOutcome>): Promise<DecisionOutcome> {
  return outcome.then((decided) => {
    markDecided(series, candle);
    return decided;
  });
}

const NO_ORDERS: readonly OrderSummary[] = Object.freeze([]);

function versionOf(snapshot: TradingSnapshot, plan: Plan): number {
  return snapshot.livePlans.find((p) => p.id === plan.id)?.version ?? 0;
}
