import type { BotState } from '../domain/botState.js';
import type { DailyRiskState } from '../domain/dailyRiskState.js';
import type { DecisionRecord } from '../domain/decisionRecord.js';
import type { Fill, Order, OrderIntent } from '../domain/order.js';
import type { Plan } from '../domain/plan.js';

/** What a decision is made on, read in one consistent look. */
export interface TradingSnapshot {
  readonly state: BotState;
  readonly livePlans: readonly Plan[];
  readonly daily?: DailyRiskState;
  /** Symbol → time of its last stop-out exit, for the cooldown. */
  readonly lastStopOutAt: ReadonlyMap<string, number>;
  /**
   * Series (`decidedSeriesKey`) → open time of its newest candle whose decision was committed:
   * a candle at or before it is never decided again, even by a process that never saw it.
   * Absent when no decision has been committed.
   */
  readonly decidedUpTo?: ReadonlyMap<string, number>;
}

export const decidedSeriesKey = (symbol: string, timeframe: string): string => `${symbol}#${timeframe}`;

/**
 * A snapshot in the one shape every snapshot has: each field written, in this order, an
 * absent one as undefined. The decision cycle reads a snapshot on every candle; snapshots
 * of different shapes (a day's state added by a spread) made V8 deoptimize those reads and
 * then look the fields up the slow way, some 7 % of a quiet candle.
 */
export function tradingSnapshot(fields: TradingSnapshot): TradingSnapshot {
  return { state: fields.state, livePlans: fields.livePlans, daily: fields.daily, lastStopOutAt: fields.lastStopOutAt, decidedUpTo: fields.decidedUpTo };
}

export interface PlanWrite {
  readonly plan: Plan;
  /** The version the change was made on; 0 for a new plan. */
  readonly expectedVersion: number;
}

/** Everything one decision (or one settlement of fills) changes, written all or nothing. */
export interface LedgerCommit {
  /** The ledger version of the snapshot the changes were made on. */
  readonly ledgerVersion: number;
  readonly now: number;
  readonly plans: readonly PlanWrite[];
  readonly orders: readonly Order[];
  readonly fills: readonly Fill[];
  readonly daily?: DailyRiskState;
  readonly stopOuts?: ReadonlyMap<string, number>;
  /**
   * Written only if this candle has no record yet and is newer than its series' `decidedUpTo`,
   * which moves to it in the same commit: a redelivery commits nothing.
   */
  readonly decision?: DecisionRecord;
}

/**
 * The ledger as a decision sees it. Every write is guarded by the snapshot's ledger
 * version and by the bot being ACTIVE: LedgerChangedError means nothing was written.
 */
export interface LedgerStore {
  load(): Promise<TradingSnapshot>;
  /** Conditional on the client order id (DuplicateClientOrderIdError) and on the guard; `plan` as in OrderRepository. */
  insertIntent(intent: OrderIntent, ledgerVersion: number, plan?: Plan): Promise<void>;
  /**
   * The venue's answer recorded for a client order id (read consistently), whichever write
   * recorded it: what a decision that finds its intent already written asks first.
   */
  recordedOrder(clientOrderId: string): Promise<Order | undefined>;
  /**
   * Records at once, outside any commit and unguarded, that the venue refused an intent: the
   * refusal is final whatever becomes of the decision, so no retry or redelivery sends that
   * client order id again.
   */
  recordRejection(order: Order): Promise<void>;
  /** Returns the ledger version after the commit. */
  commit(commit: LedgerCommit): Promise<number>;
  /** Whether a decision of this candle was committed (a decision that changed nothing writes no record). */
  decisionRecorded(symbol: string, timeframe: string, candleOpenTime: number): Promise<boolean>;
}
