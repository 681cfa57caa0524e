import { type Candle, type Timeframe, timeframeMs } from '../../domain/candle.js';
import type { TradingConfig } from '../../domain/config.js';
import { type Decimal, dec } from '../../domain/decimal.js';
import type { DecisionRecord, OrderSummary } from '../../domain/decisionRecord.js';
import { DecisionAlreadyRecordedError, LedgerChangedError } from '../../domain/errors.js';
import type { KillSwitchState } from '../../domain/killSwitch.js';
import { splitSymbol } from '../../domain/market.js';
import { type Plan, isLive } from '../../domain/plan.js';
import type { Clock } from '../../ports/Clock.js';
import type { Balances, Exchange } from '../../ports/Exchange.js';
import type { KillSwitch } from '../../ports/KillSwitch.js';
import type { LedgerStore, TradingSnapshot } from '../../ports/LedgerStore.js';
import type { Logger } from '../../ports/Logger.js';
import { type CandleEvaluation, type CandleEvaluationInput, evaluateCandle } from '../../services/decision/evaluateCandle.js';
import { ExecutionService } from '../../services/execution/ExecutionService.js';
import { rollDailyRiskState } from '../../services/risk/dailyRiskState.js';
import { exposureBySymbol } from '../../services/risk/exposureBySymbol.js';
import type { RiskContext } from '../../services/risk/RiskContext.js';
import { buildDecisionRecord } from '../../services/telemetry/buildDecisionRecord.js';
import type { Strategy } from '../../strategy/Strategy.js';
import { DecisionOrders } from './DecisionOrders.js';
import { advanceSnapshot } from './advanceSnapshot.js';
import type { SeriesWindows } from './SeriesWindows.js';
import { type Settlement, settlePendingOrders } from './settlePendingOrders.js';

export interface CandleDeciderDeps {
  readonly ledger: LedgerStore;
  readonly exchange: Exchange;
  readonly killSwitch: KillSwitch;
  readonly clock: Clock;
  readonly config: TradingConfig;
  readonly strategy: Strategy;
  readonly windows: SeriesWindows;
  /** Where a decision that changes nothing else is recorded when the bot is not ACTIVE. */
  readonly recordSkipped: (record: DecisionRecord) => Promise<void>;
  readonly logger: Logger;
}

export type DecisionOutcome =
  | {
      readonly kind: 'decided';
      readonly record: DecisionRecord;
      /** Plans moved by fills or ended orders settled before the candle was judged. */
      readonly settled: readonly Plan[];
      readonly settledFills: number;
    }
  | { readonly kind: 'skipped'; readonly record: DecisionRecord }
  | { readonly kind: 'duplicate' };

/** Times a decision is made again on a fresh snapshot after another writer moved the ledger. */
const MAX_STALE_RETRIES = 2;

/**
 * One closed candle, decided against the ledger: plans → strategy → risk → execution,
 * then one commit when anything changed. The snapshot is kept while the process lives and
 * checked by every write, so a warm decision that changes nothing costs no DynamoDB call.
 */
export class CandleDecider {
  private snapshot: TradingSnapshot | undefined;
  private readonly lastClose = new Map<string, number>();
  /** `symbol#timeframe` → the newest candle this process decided. */
  private readonly decidedUpTo = new Map<string, number>();

  constructor(private readonly deps: CandleDeciderDeps) {}

  async decide(symbol: string, timeframe: Timeframe, candle: Candle): Promise<DecisionOutcome> {
    const series = `${symbol}#${timeframe}`;
    // FIFO order holds a symbol's candles in order; only a message handled before comes back
    // older (a lost delete, an at-least-once repeat). Deciding it again would act on the past.
    if (candle.openTime <= (this.decidedUpTo.get(series) ?? -Infinity)) return { kind: 'duplicate' };
    const outcome = await this.decideAgainIfStale(symbol, timeframe, candle);
    this.decidedUpTo.set(series, candle.openTime);
    return outcome;
  }

  private async decideAgainIfStale(symbol: string, timeframe: Timeframe, candle: Candle): Promise<DecisionOutcome> {
    for (let attempt = 0; ; attempt++) {
      const snapshot = (this.snapshot ??= await this.deps.ledger.load());
      try {
        return await this.decideOn(snapshot, symbol, timeframe, candle);
      } catch (error) {
        this.snapshot = undefined;
        if (error instanceof DecisionAlreadyRecordedError) return { kind: 'duplicate' };
        if (!(error instanceof LedgerChangedError) || attempt >= MAX_STALE_RETRIES) throw error;
        this.deps.logger.info({ symbol, timeframe, openTime: candle.openTime, attempt }, 'ledger moved during the decision; deciding again');
      }
    }
  }

  private async decideOn(snapshot: TradingSnapshot, symbol: string, timeframe: Timeframe, candle: Candle): Promise<DecisionOutcome> {
    const { deps } = this;
    const now = deps.clock.now();
    this.lastClose.set(symbol, candle.close);
    // One round trip for all four: a skipped decision wastes the balance read, a rare case.
    const [window, market, killSwitch, balances] = await Promise.all([
      deps.windows.advance(symbol, timeframe, candle),
      deps.exchange.market(symbol),
      deps.killSwitch.read(),
      deps.exchange.fetchBalances(),
    ]);
    if (snapshot.state.status !== 'ACTIVE') {
      const record = skippedRecord(deps.config.botId, symbol, timeframe, candle, now, killSwitch, snapshot, `bot is ${snapshot.state.status}`);
      await deps.recordSkipped(record);
      return { kind: 'skipped', record };
    }
    const settlement = await settlePendingOrders(symbol, snapshot.livePlans, deps.exchange, now, deps.logger);
    const livePlans = withSettled(snapshot.livePlans, settlement);
    const free = Object.fromEntries(Object.entries(balances).map(([asset, b]) => [asset, b.free]));
    let daily = snapshot.daily;
    const input: CandleEvaluationInput = {
      botId: deps.config.botId,
      symbol,
      timeframe,
      timeframeMs: timeframeMs(timeframe),
      candle,
      market,
      window,
      strategy: deps.strategy,
      openPlans: livePlans,
      balances: free,
      killSwitch,
      now,
      riskContext: (): RiskContext => {
        const equity = this.equity(balances, market.quote, livePlans);
        daily = rollDailyRiskState(snapshot.daily, now, equity, deps.config.risk);
        return {
          now,
          killSwitch,
          config: deps.config.risk,
          market,
          equity,
          quoteFree: dec(balances[market.quote]?.free ?? '0'),
          livePlans,
          exposureBySymbol: exposureBySymbol(livePlans),
          daily,
          lastStopOutAt: settlement.stopOuts.size === 0 ? snapshot.lastStopOutAt : new Map([...snapshot.lastStopOutAt, ...settlement.stopOuts]),
        };
      },
    };
    const evaluation = evaluateCandle(input);
    // A cold process cannot tell a repeated message by its order: a candle whose decision
    // sent orders has its record, and is not acted on again (the commit would refuse it
    // after the orders went out).
    if (sendsOrders(evaluation) && (await deps.ledger.decisionRecorded(symbol, timeframe, candle.openTime))) {
      throw new DecisionAlreadyRecordedError(symbol, timeframe, candle.openTime);
    }
    const { plans, orders, summaries } = await this.act(snapshot, evaluation, candle.close, settlement.plans);
    const record = buildDecisionRecord(input, evaluation, summaries);
    const dailyChanged = daily !== snapshot.daily ? daily : undefined;
    // A candle that changes nothing writes nothing: its record is the decision's log line.
    // (Most candles; a written record would be the bot's largest cost.) Re-deciding such a
    // candle on redelivery changes nothing either.
    const changesLedger = plans.length > 0 || orders.length > 0 || settlement.orders.length > 0 || dailyChanged !== undefined;
    if (!changesLedger) return { kind: 'decided', record, settled: [], settledFills: 0 };
    const version = await deps.ledger.commit({
      ledgerVersion: snapshot.state.ledgerVersion,
      now,
      plans: plans.map((plan) => ({ plan, expectedVersion: snapshot.livePlans.find((p) => p.id === plan.id)?.version ?? 0 })),
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

  /**
   * The venue's balances valued in the quote currency: each base asset of a symbol this
   * process has seen a close for, or holds a live plan on (at its entry price until a
   * close is seen). Assets the bot does not trade are left out.
   */
  private equity(balances: Balances, quote: string, livePlans: readonly Plan[]): Decimal {
    const prices = new Map<string, Decimal>();
    for (const plan of livePlans) prices.set(plan.symbol, dec(plan.avgEntryPrice ?? plan.entry));
    for (const [symbol, close] of this.lastClose) prices.set(symbol, dec(close));
    let value = dec(balances[quote]?.total ?? '0');
    const valued = new Set<string>([quote]);
    for (const [symbol, price] of prices) {
      const { base, quote: symbolQuote } = splitSymbol(symbol);
      if (symbolQuote !== quote || valued.has(base)) continue;
      valued.add(base);
      value = value.plus(dec(balances[base]?.total ?? '0').times(price));
    }
    return value;
  }
}

function sendsOrders(evaluation: CandleEvaluation): boolean {
  return evaluation.exits.length > 0 || evaluation.approved.length > 0;
}

/** The live plans once settled plans replace theirs; a plan that ended leaves. */
function withSettled(livePlans: readonly Plan[], settlement: Settlement): readonly Plan[] {
  if (settlement.plans.length === 0) return livePlans;
  const settled = new Map(settlement.plans.map((p) => [p.id, p]));
  return livePlans.map((p) => settled.get(p.id) ?? p).filter(isLive);
}

function skippedRecord(
  botId: string,
  symbol: string,
  timeframe: Timeframe,
  candle: Candle,
  now: number,
  killSwitch: KillSwitchState,
  snapshot: TradingSnapshot,
  skipped: string,
): DecisionRecord {
  const none: readonly never[] = [];
  return { botId, symbol, timeframe, candleOpenTime: candle.openTime, decidedAt: now, close: candle.close, killSwitch, openPlans: snapshot.livePlans.length, exits: none, verdicts: none, orders: none, skipped };
}
