/**
 * The reconciliation state machine's contract between cdk/ (which builds the ASL) and the
 * step handlers (functions/reconcile/<step>.ts). Each Task state invokes one function and
 * passes exactly the payload described here; results land at the paths named here.
 *
 *   Lock ─▶ Locked? ─no─▶ NotLocked (Succeed)
 *            │yes
 *   Snapshots = Parallel(ExchangeSnapshot, LedgerSnapshot) ─▶ Diff ─▶ Repair?
 *   Repair?: diff.halt present ─▶ Halt; diff.needsRepair false ─▶ Unlock;
 *            diff.round >= MAX_REPAIR_ROUNDS ─▶ Halt; else ─▶ ApplyRepairs
 *   ApplyRepairs = Map(ApplyRepair) over diff.repairs, one at a time ─▶ Verify ─▶ Repair?
 *   Unlock ─▶ Reconciled (Succeed);  Halt ─▶ Halted (Fail)
 *   Any failure after Lock ─▶ Halt (the error at $.error); a failing Lock ─▶ LockFailed (Fail).
 */
export const RECONCILE_STEPS = ['lock', 'exchangeSnapshot', 'ledgerSnapshot', 'diff', 'applyRepair', 'verify', 'unlock', 'halt'] as const;
export type ReconcileStep = (typeof RECONCILE_STEPS)[number];

/** The Task state that runs each step: `taskResourceLocalHandlers` in tests is keyed by these. */
export const RECONCILE_STATE_NAMES: Readonly<Record<ReconcileStep, string>> = {
  lock: 'Lock',
  exchangeSnapshot: 'ExchangeSnapshot',
  ledgerSnapshot: 'LedgerSnapshot',
  diff: 'Diff',
  applyRepair: 'ApplyRepair',
  verify: 'Verify',
  unlock: 'Unlock',
  halt: 'Halt',
};

/** Diff, then up to two Verify rounds that still find repairs, before giving up and halting. */
export const MAX_REPAIR_ROUNDS = 3;

/**
 * Payloads (Task `Parameters`, with `$$` the context object) and where each result goes:
 * - Lock:             { lockId: $$.Execution.Name, input: $$.Execution.Input }  → $.lock  (LockResult)
 * - ExchangeSnapshot: { lockId: $.lock.lockId }                                  → branch output
 * - LedgerSnapshot:   { lockId: $.lock.lockId }                                  → branch output
 *   Snapshots (Parallel) ResultSelector { exchange: $[0], ledger: $[1] }         → $.snapshots
 * - Diff:             { lockId: $.lock.lockId, round: 1, exchange: $.snapshots.exchange, ledger: $.snapshots.ledger } → $.diff (DiffResult)
 * - ApplyRepair:      per item of $.diff.repairs: { lockId: $.lock.lockId, repair: $$.Map.Item.Value } → discarded ($.diff stays)
 * - Verify:           { lockId: $.lock.lockId, round: $.diff.round }            → $.diff (DiffResult, round + 1)
 * - Unlock:           { lockId: $.lock.lockId }                                  → $.unlock
 * - Halt:             the whole state ($: lock, diff and error when present)     → $.halt
 * Catch (after Lock): States.ALL with ResultPath $.error ({ Error, Cause }).
 */
export const RECONCILE_PATHS = {
  lockResult: '$.lock',
  lockId: '$.lock.lockId',
  locked: '$.lock.locked',
  snapshots: '$.snapshots',
  diff: '$.diff',
  repairs: '$.diff.repairs',
  halt: '$.diff.halt',
  needsRepair: '$.diff.needsRepair',
  round: '$.diff.round',
  error: '$.error',
} as const;

/** What starts a reconciliation (the execution input); every field is optional. */
export interface ReconcileExecutionInput {
  /** Why it runs: `deploy`, `run` (kill switch back to RUN), `drift`, `manual`. */
  readonly reason?: string;
  /** Lift a HALTED bot too (the operator's RUN and a manual run); otherwise only an ACTIVE bot is locked. */
  readonly resumeHalted?: boolean;
}
