import { type BotState, FRESH_BOT_STATE, botState } from '../../domain/botState.js';
import type { DailyRiskState } from '../../domain/dailyRiskState.js';
import { DecisionAlreadyRecordedError, DuplicateClientOrderIdError, LedgerChangedError, PlanVersionConflictError } from '../../domain/errors.js';
import type { Fill, Order, OrderIntent } from '../../domain/order.js';
import { type Plan, isLive } from '../../domain/plan.js';
import { type LedgerCommit, type LedgerStore, type TradingSnapshot, decidedSeriesKey, tradingSnapshot } from '../../ports/LedgerStore.js';
import type { ShadowLedgerState } from '../../ports/ShadowStore.js';

/**
 * The ledger in memory, with the guards of the DynamoDB one: every write holds only at
 * the snapshot's ledger version while the bot is ACTIVE, a client order id is taken once,
 * a plan is written only over the version it was read at, and a candle's decision is
 * committed once. The backtest's ledger, and the property tests' view of what was written.
 */
export class MemoryLedgerStore implements LedgerStore {
  private state: BotState = botState(FRESH_BOT_STATE);
  private readonly live = new Map<string, Plan>();
  /** Every plan that ended closed, in the order it closed. */
  readonly closedPlans: Plan[] = [];
  private daily: DailyRiskState | undefined;
  private readonly stopOuts = new Map<string, number>();
  private readonly intentsById = new Map<string, OrderIntent>();
  private readonly ordersById = new Map<string, Order>();
  private readonly fillIds = new Set<string>();
  /** Every fill committed, in commit order. */
  readonly fills: Fill[] = [];
  private readonly decided = new Set<string>();
  private readonly decidedUpTo = new Map<string, number>();

  /** Restored from a store that keeps no intents: orders placed before (a live plan's) are taken without theirs. */
  private readonly inheritsOrders: boolean = false;

  /** Empty, or going on from a stored ledger (a shadow book's, from the shadow store). */
  constructor(restored?: ShadowLedgerState) {
    if (restored === undefined) return;
    this.inheritsOrders = true;
    this.state = botState(FRESH_BOT_STATE, { ledgerVersion: restored.ledgerVersion });
    for (const plan of restored.livePlans) this.live.set(plan.id, plan);
    for (const [symbol, time] of Object.entries(restored.lastStopOutAt)) this.stopOuts.set(symbol, time);
    for (const [series, time] of Object.entries(restored.decidedUpTo)) this.decidedUpTo.set(series, time);
    if (restored.daily) this.daily = restored.daily;
  }

  /** What a stored ledger keeps to go on from (the constructor's `restored`). */
  ledgerState(): ShadowLedgerState {
    return {
      ledgerVersion: this.state.ledgerVersion,
      livePlans: [...this.live.values()],
      ...(this.daily ? { daily: this.daily } : {}),
      lastStopOutAt: Object.fromEntries(this.stopOuts),
      decidedUpTo: Object.fromEntries(this.decidedUpTo),
    };
  }

  /** The open time of the newest candle of the series whose decision was committed. */
  lastDecided(symbol: string, timeframe: string): number | undefined {
    return this.decidedUpTo.get(decidedSeriesKey(symbol, timeframe));
  }

  load(): Promise<TradingSnapshot> {
    return Promise.resolve(
      tradingSnapshot({
        state: this.state,
        livePlans: [...this.live.values()],
        daily: this.daily,
        lastStopOutAt: new Map(this.stopOuts),
        decidedUpTo: new Map(this.decidedUpTo),
      }),
    );
  }

  insertIntent(intent: OrderIntent, ledgerVersion: number): Promise<void> {
    if (this.intentsById.has(intent.clientOrderId)) return Promise.reject(new DuplicateClientOrderIdError(intent.clientOrderId));
    if (!this.guardHolds(ledgerVersion)) return Promise.reject(new LedgerChangedError(ledgerVersion));
    this.intentsById.set(intent.clientOrderId, intent);
    return Promise.resolve();
  }

  recordedOrder(clientOrderId: string): Promise<Order | undefined> {
    return Promise.resolve(this.ordersById.get(clientOrderId));
  }

  recordRejection(order: Order): Promise<void> {
    if (order.status !== 'rejected') return Promise.reject(new Error(`order ${order.clientOrderId}: only a rejection is recorded outside a commit, not ${order.status}`));
    if (!this.intentsById.has(order.clientOrderId)) return Promise.reject(new Error(`order ${order.clientOrderId} has no intent`));
    this.ordersById.set(order.clientOrderId, order);
    return Promise.resolve();
  }

  commit(commit: LedgerCommit): Promise<number> {
    // A refused commit rejects, as the DynamoDB store's does; it never throws synchronously.
    return new Promise((resolve) => resolve(this.apply(commit)));
  }

  decisionRecorded(symbol: string, timeframe: string, candleOpenTime: number): Promise<boolean> {
    return Promise.resolve(this.decided.has(decisionKey(symbol, timeframe, candleOpenTime)));
  }

  /** Stops or resumes trading, as reconciliation's lock and halt do. */
  setStatus(status: BotState['status']): void {
    this.state = botState(this.state, { status });
  }

  livePlans(): readonly Plan[] {
    return [...this.live.values()];
  }

  intents(): readonly OrderIntent[] {
    return [...this.intentsById.values()];
  }

  orders(): readonly Order[] {
    return [...this.ordersById.values()];
  }

  private apply(commit: LedgerCommit): number {
    const { decision } = commit;
    const watermark = decision && this.decidedUpTo.get(decidedSeriesKey(decision.symbol, decision.timeframe));
    if (decision && (this.decided.has(decisionKey(decision.symbol, decision.timeframe, decision.candleOpenTime)) || (watermark !== undefined && decision.candleOpenTime <= watermark))) {
      throw new DecisionAlreadyRecordedError(decision.symbol, decision.timeframe, decision.candleOpenTime);
    }
    if (!this.guardHolds(commit.ledgerVersion)) throw new LedgerChangedError(commit.ledgerVersion);
    for (const { plan, expectedVersion } of commit.plans) {
      const stored = this.live.get(plan.id)?.version ?? 0;
      if (stored !== expectedVersion || plan.version <= expectedVersion) throw new PlanVersionConflictError(plan.id, expectedVersion);
    }
    for (const order of commit.orders) {
      if (!this.inheritsOrders && !this.intentsById.has(order.clientOrderId)) throw new Error(`order ${order.clientOrderId} has no intent`);
    }
    for (const { plan } of commit.plans) {
      if (isLive(plan)) this.live.set(plan.id, plan);
      else {
        this.live.delete(plan.id);
        if (plan.status === 'closed') this.closedPlans.push(plan);
      }
    }
    for (const order of commit.orders) this.ordersById.set(order.clientOrderId, order);
    for (const fill of commit.fills) {
      if (this.fillIds.has(fill.id)) continue;
      this.fillIds.add(fill.id);
      this.fills.push(fill);
    }
    if (commit.daily) this.daily = commit.daily;
    for (const [symbol, time] of commit.stopOuts ?? []) this.stopOuts.set(symbol, time);
    if (decision) {
      this.decided.add(decisionKey(decision.symbol, decision.timeframe, decision.candleOpenTime));
      this.decidedUpTo.set(decidedSeriesKey(decision.symbol, decision.timeframe), decision.candleOpenTime);
    }
    const changesPlans = commit.plans.length > 0 || commit.daily !== undefined || (commit.stopOuts?.size ?? 0) > 0;
    if (changesPlans) this.state = botState(this.state, { ledgerVersion: this.state.ledgerVersion + 1, updatedAt: commit.now });
    return this.state.ledgerVersion;
  }

  private guardHolds(ledgerVersion: number): boolean {
    return this.state.status === 'ACTIVE' && this.state.ledgerVersion === ledgerVersion;
  }
}

function decisionKey(symbol: string, timeframe: string, candleOpenTime: number): string {
  return `${symbol}#${timeframe}#${candleOpenTime}`;
}
