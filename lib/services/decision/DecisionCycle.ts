import { type Awaitable, andThen, isPending } from '../../domain/awaitable.js';
import { type Candle, type Timeframe, timeframeMs } from '../../domain/candle.js';
import type { CandleWindow } from '../../domain/candleWindow.js';
import type { TradingConfig } from '../../domain/config.js';
import type { DecisionRecord, OrderSummary } from '../../domain/decisionRecord.js';
import { DecisionAlreadyRecordedError, LedgerChangedError } from '../../domain/errors.js';
import type { KillSwitchState } from '../../domain/killSwitch.js';
import type { Market } from '../../domain/market.js';
import type { Plan } from '../../domain/plan.js';
import type { CandleWindows } from '../../ports/CandleWindows.js';
import type { Clock } from '../../ports/Clock.js';
import type { Balances, Exchange } from '../../ports/Exchange.js';
import type { KillSwitch } from '../../ports/KillSwitch.js';
import type { LedgerStore, TradingSnapshot } from '../../ports/LedgerStore.js';
import type { Logger } from '../../ports/Logger.js';
import { ExecutionService } from '../execution/ExecutionService.js';
import { buildDecisionRecord } from '../telemetry/buildDecisionRecord.js';
import type { Strategy } from '../../strategy/Strategy.js';
import { DecisionOrders } from './DecisionOrders.js';
import { DecisionValuation } from './DecisionValuation.js';
import { advanceSnapshot } from './advanceSnapshot.js';
import { type CandleEvaluation, type CandleEvaluationInput, evaluateCandle } from './evaluateCandle.js';
import { type DecisionOutcome, type SettlementOutcome, DUPLICATE, skippedRecord } from './DecisionOutcome.js';
import { NOTHING_SETTLED, type Settlement, hasPendingOrders, settlePendingOrders, withSettled } from './settlePendingOrders.js';

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
  /** `symbol#timeframe` → the newest candle this process decided. */
  private readonly decidedUpTo = new Map<string, number>();
  private readonly valuation: DecisionValuation;
  private readonly candleMs = new Map<Timeframe, number>();

  constructor(private readonly deps: DecisionCycleDeps) {
    this.valuation = new DecisionValuation(deps.config.risk);
  }

  decide(symbol: string, timeframe: Timeframe, candle: Candle): Awaitable<DecisionOutcome> {
    const series = `${symbol}#${timeframe}`;
    // FIFO order holds a symbol's candles in order; only a message handled before comes back
    // older (a lost delete, an at-least-once repeat). Deciding it again would act on the past.
    if (candle.openTime <= (this.decidedUpTo.get(series) ?? -Infinity)) return DUPLICATE;
    return andThen(this.attempt(symbol, timeframe, candle, 0), (outcome) => {
      this.decidedUpTo.set(series, candle.openTime);
      return outcome;
    });
  }

  /**
   * Settles the symbol's ended orders without deciding a candle: what a run that stops
   * (the end of a backtest) does with orders the venue filled after the last decision.
   */
  async settle(symbol: string): Promise<SettlementOutcome> {
    const snapshot = (this.snapshot ??= await this.deps.ledger.load());
    if (!hasPendingOrders(symbol, snapshot.livePlans)) return { settled: [], settledFills: 0 };
    const now = this.deps.clock.now();
    const settlement = await settlePendingOrders(symbol, snapshot.livePlans, this.deps.exchange, now, this.deps.logger);
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

  private attempt(symbol: string, timeframe: Timeframe, candle: Candle, attempt: number): Awaitable<DecisionOutcome> {
    const snapshot = this.snapshot;
    if (snapshot === undefined) {
      return this.deps.ledger.load().then((loaded) => {
        this.snapshot = loaded;
        return this.attempt(symbol, timeframe, candle, attempt);
      });
    }
    let outcome: Awaitable<DecisionOutcome>;
    try {
      outcome = this.decideOn(snapshot, symbol, timeframe, candle);
    } catch (error) {
      return this.afterFailure(error, symbol, timeframe, candle, attempt);
    }
    return isPending(outcome) ? outcome.catch((error: unknown) => this.afterFailure(error, symbol, timeframe, candle, attempt)) : outcome;
  }

  private afterFailure(error: unknown, symbol: string, timeframe: Timeframe, candle: Candle, attempt: number): Awaitable<DecisionOutcome> {
    this.snapshot = undefined;
    if (error instanceof DecisionAlreadyRecordedError) return DUPLICATE;
    if (!(error instanceof LedgerChangedError) || attempt >= MAX_STALE_RETRIES) throw error;
    this.deps.logger.info({ symbol, timeframe, openTime: candle.openTime, attempt }, 'ledger moved during the decision; deciding again');
    return this.attempt(symbol, timeframe, candle, attempt + 1);
  }

  private decideOn(snapshot: TradingSnapshot, symbol: string, timeframe: Timeframe, candle: Candle): Awaitable<DecisionOutcome> {
    const { deps } = this;
    this.valuation.observeClose(symbol, candle.close);
    // Read together: one round trip where the ports are remote, none where they are at hand.
    const window = deps.windows.advance(symbol, timeframe, candle);
    const market = deps.exchange.market(symbol);
    const killSwitch = deps.killSwitch.read();
    const balances = deps.exchange.fetchBalances();
    const now = deps.clock.now();
    if (isPending(window) || isPending(market) || isPending(killSwitch) || isPending(balances)) {
      return Promise.all([window, market, killSwitch, balances]).then(([w, m, k, b]) =>
        this.settleThenJudge({ snapshot, symbol, timeframe, candle, now, window: w, market: m, killSwitch: k, balances: b }),
      );
    }
    return this.settleThenJudge({ snapshot, symbol, timeframe, candle, now, window, market, killSwitch, balances });
  }

  private settleThenJudge(reads: DecisionReads): Awaitable<DecisionOutcome> {
    const { deps } = this;
    const { snapshot, symbol } = reads;
    if (snapshot.state.status !== 'ACTIVE') {
      const record = skippedRecord(deps.config.botId, reads, snapshot.livePlans.length, `bot is ${snapshot.state.status}`);
      return deps.recordSkipped(record).then(() => ({ kind: 'skipped', record }));
    }
    if (!hasPendingOrders(symbol, snapshot.livePlans)) return this.judge(reads, NOTHING_SETTLED);
    return settlePendingOrders(symbol, snapshot.livePlans, deps.exchange, reads.now, deps.logger).then((settlement) => this.judge(reads, settlement));
  }

  private judge(reads: DecisionReads, settlement: Settlement): Awaitable<DecisionOutcome> {
    const { deps, valuation } = this;
    const { snapshot, symbol, timeframe, candle, market, killSwitch, balances, now } = reads;
    const livePlans = withSettled(snapshot.livePlans, settlement);
    const day = valuation.startDecision(snapshot, livePlans, balances, market.quote, now, settlement);
    const input: CandleEvaluationInput = {
      botId: deps.config.botId,
      symbol,
      timeframe,
      timeframeMs: this.timeframeMs(timeframe),
      candle,
      market,
      window: reads.window,
      strategy: deps.strategy,
      openPlans: livePlans,
      balances: valuation.freeBalances(balances),
      killSwitch,
      now,
      riskContext: () => day.riskContext(killSwitch, market),
    };
    return andThen(evaluateCandle(input), (evaluation) => {
      const changesLedger = sendsOrders(evaluation) || evaluation.updatedPlans.length > 0 || settlement.orders.length > 0 || day.dailyChanged() !== undefined;
      // A candle that changes nothing writes nothing: its record is the decision's log line.
      // (Most candles; a written record would be the bot's largest cost.) Re-deciding such a
      // candle on redelivery changes nothing either.
      if (!changesLedger) return { kind: 'decided', record: buildDecisionRecord(input, evaluation, NO_ORDERS), settled: [], settledFills: 0 };
      return this.actAndCommit(reads, input, evaluation, settlement, day.dailyChanged());
    });
  }

  private async actAndCommit(
    reads: DecisionReads,
    input: CandleEvaluationInput,
    evaluation: CandleEvaluation,
    settlement: Settlement,
    dailyChanged: ReturnType<ReturnType<DecisionValuation['startDecision']>['dailyChanged']>,
  ): Promise<DecisionOutcome> {
    const { snapshot, symbol, timeframe, candle, now } = reads;
    // A cold process cannot tell a repeated message by its order: a candle whose decision
    // sent orders has its record, and is not acted on again (the commit would refuse it
    // after the orders went out).
    if (sendsOrders(evaluation) && (await this.deps.ledger.decisionRecorded(symbol, timeframe, candle.openTime))) {
      throw new DecisionAlreadyRecordedError(symbol, timeframe, candle.openTime);
    }
    const { plans, orders, summaries } = await this.act(snapshot, evaluation, candle.close, settlement.plans);
    const record = buildDecisionRecord(input, evaluation, summaries);
    const version = await this.deps.ledger.commit({
      ledgerVersion: snapshot.state.ledgerVersion,
      now,
      plans: plans.map((plan) => ({ plan, expectedVersion: versionOf(snapshot, plan) })),
      orders: [...settlement.orders, ...orders],
      fills: settlement.fills,
      ...(dailyChanged ? { daily: dailyChanged } : {}),
      ...(settlement.stopOuts.size > 0 ? { stopOuts: settlement.stopOuts } : {}),
      decision: record,
    });
    this.snapshot = advanceSnapshot(snapshot, version, now, plans, dailyChanged, settlement.stopOuts);
    return { kind: 'decided', record, settled: settlement.plans, settledFills: settlement.fills.length };
  }

  /** Exits first, then entries; every plan changed once in the commit, at its latest. */
  private async act(snapshot: TradingSnapshot, evaluation: CandleEvaluation, lastPrice: number, settled: readonly Plan[]) {
    const changed = new Map<string, Plan>([...settled, ...evaluation.updatedPlans].map((p) => [p.id, p]));
    const summaries: OrderSummary[] = [];
    if (!sendsOrders(evaluation)) return { plans: [...changed.values()], orders: [], summaries };
    const orders = new DecisionOrders(this.deps.ledger, snapshot.state.ledgerVersion);
    const execution = new ExecutionService({ ...this.deps, orders, config: this.deps.config.execution });
    for (const { plan, exit } of evaluation.exits) {
      const current = changed.get(plan.id) ?? plan;
      const result = await execution.exit(current, exit, current.filledAmount ?? '0');
      changed.set(result.plan.id, result.plan);
      summaries.push(result.order);
    }
    for (const approved of evaluation.approved) {
      const result = await execution.enter(approved, lastPrice);
      changed.set(result.plan.id, result.plan);
      summaries.push(result.order);
    }
    return { plans: [...changed.values()], orders: orders.orders, summaries };
  }

  private timeframeMs(timeframe: Timeframe): number {
    let ms = this.candleMs.get(timeframe);
    if (ms === undefined) this.candleMs.set(timeframe, (ms = timeframeMs(timeframe)));
    return ms;
  }
}

/** What one decision reads before it judges the candle. */
export interface DecisionReads {
  readonly snapshot: TradingSnapshot;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly candle: Candle;
  readonly now: number;
  readonly window: CandleWindow;
  readonly market: Market;
  readonly killSwitch: KillSwitchState;
  readonly balances: Balances;
}

const NO_ORDERS: readonly OrderSummary[] = Object.freeze([]);

function sendsOrders(evaluation: CandleEvaluation): boolean {
  return evaluation.exits.length > 0 || evaluation.approved.length > 0;
}

function versionOf(snapshot: TradingSnapshot, plan: Plan): number {
  return snapshot.livePlans.find((p) => p.id === plan.id)?.version ?? 0;
}
