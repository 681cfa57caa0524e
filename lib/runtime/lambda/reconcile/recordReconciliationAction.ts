import type { ReconcileDeps } from './ReconcileDeps.js';

/**
 * A halt or an applied repair as a bot action. A failed write is logged, not thrown: the halt
 * or repair is done and in the ledger, and failing the step for its record would retry it.
 */
export async function recordReconciliationAction(deps: Pick<ReconcileDeps, 'actions' | 'clock' | 'logger'>, action: 'reconciliationHalted' | 'reconciliationRepaired', details: Record<string, unknown>): Promise<void> {
  try {
    await deps.actions.recordAction(deps.clock.now(), action, { trigger: 'reconciliation', ...details });
  } catch (error) {
    deps.logger.error({ err: error, action, ...details }, 'reconciliation: the bot action could not be recorded');
  }
}
