import type { DecisionRecord } from '../domain/decisionRecord.js';
import type { Fill, Order, OrderIntent } from '../domain/order.js';
import type { Plan } from '../domain/plan.js';

export interface PlanRepository {
  get(planId: string): Promise<Plan | undefined>;
  /**
   * Writes a plan whose version is one above `expectedVersion` (0 for a new plan);
   * throws PlanVersionConflictError when another writer got there first.
   */
  save(plan: Plan, expectedVersion: number): Promise<void>;
  listLive(symbol?: string): Promise<readonly Plan[]>;
}

/** Plans that have ended, for statistics. */
export interface PlanHistory {
  /** Closed plans of a symbol last updated at or after `since` (cancelled and rejected ones excluded). */
  listClosedSince(symbol: string, since: number): Promise<readonly Plan[]>;
}

export interface OrderRepository {
  /**
   * Conditional insert: a second intent with the same client order id throws
   * DuplicateClientOrderIdError. `plan` is the plan as it stands once the order is sent,
   * kept beside the intent so reconciliation can restore a plan whose commit never landed.
   */
  insertIntent(intent: OrderIntent, plan?: Plan): Promise<void>;
  getIntent(clientOrderId: string): Promise<OrderIntent | undefined>;
  recordOrder(order: Order): Promise<void>;
  getOrder(clientOrderId: string): Promise<Order | undefined>;
}

/** One stored order: the intent, the venue's view once answered, the plan as it stood when sent. */
export interface OrderRecord {
  readonly intent: OrderIntent;
  readonly order?: Order;
  readonly plan?: Plan;
}

/** The orders the ledger holds, with the intents no final answer has settled yet: what reconciliation and heartbeat read. */
export interface OrderLedger extends OrderRepository {
  listUnsettled(symbol: string): Promise<readonly OrderIntent[]>;
  getRecord(clientOrderId: string): Promise<OrderRecord | undefined>;
  listUnsettledRecords(symbol: string): Promise<readonly OrderRecord[]>;
}

export interface FillRepository {
  /** Idempotent by fill id: the same fill twice is one row. */
  add(fill: Fill): Promise<void>;
  since(time: number): Promise<readonly Fill[]>;
}

export interface TelemetrySink {
  record(decision: DecisionRecord): void;
}
