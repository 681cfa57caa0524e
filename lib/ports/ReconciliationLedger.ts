import type { Fill, Order } from '../domain/order.js';
import type { PlanWrite } from './LedgerStore.js';

/** What one repair writes to the ledger, all or nothing. */
export interface ReconciliationCommit {
  readonly lockId: string;
  readonly now: number;
  readonly plan?: PlanWrite;
  readonly orders: readonly Order[];
  readonly fills: readonly Fill[];
  readonly stopOut?: { readonly symbol: string; readonly time: number };
}

/**
 * The ledger as reconciliation writes it: guarded by the lock (the bot RECONCILING under this
 * execution) instead of by an ACTIVE bot at a ledger version. Each commit raises the ledger
 * version, so no decision snapshot from before survives it. Throws LockLostError when the
 * lock is gone and PlanVersionConflictError when the plan moved; nothing is written then.
 */
export interface ReconciliationLedger {
  commit(commit: ReconciliationCommit): Promise<void>;
}
