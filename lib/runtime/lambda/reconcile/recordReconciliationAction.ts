import type { ReconcileDeps } from './ReconcileDeps.js';

/**
 * A halt or an applied repair as a bot action. A failed write is logged, not thrown: the halt
 * or repair is done and in the ledger, and failing the step for its record would retry it.
 * With `onceKey` (a repair: Step Functions may retry its step after the record was written),
 * a second record with the same key is not written.
 */
export async function recordReconciliationAction(
  deps: Pick<ReconcileDeps, 'actions' | 'clock' | 'logger'>,
  action: 'reconciliationHalted' | 'reconciliationRepaired',
  details: Record<string, unknown>,
  onceKey?: string,
): Promise<void> {
  try {
    const record = { trigger: 'reconciliation', ...details };
    if (onceKey === undefined) await deps.actions.recordAction(deps.clock.now(), action, record);
    else if (!(await deps.actions.recordActionOnce(deps.clock.now(), action, onceKey, record))) deps.logger.info({ action, onceKey }, 'reconciliation: the bot action was recorded before (a retried step)');
  } catch (error) {
    deps.logger.error({ err: error, action, ...details }, 'reconciliation: the bot action could not be recorded');
  }
}
