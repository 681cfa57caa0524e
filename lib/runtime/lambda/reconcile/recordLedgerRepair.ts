import { PlanVersionConflictError } from '../../../domain/errors.js';
import { insertIntentOnce } from '../../../services/execution/insertIntentOnce.js';
import type { RecordLedgerRepair } from '../../../services/reconciliation/findings.js';
import type { ReconcileDeps } from './ReconcileDeps.js';
import type { RepairOutcome } from './RepairOutcome.js';

/**
 * The venue's answers, fills and one plan's move written in one transaction under the lock.
 * Done twice, it is done once: intents already recorded are kept, orders and fills are keyed,
 * and a plan already at (or past) the target version is not written again.
 */
export async function recordLedgerRepair(deps: Pick<ReconcileDeps, 'orders' | 'plans' | 'ledger' | 'clock' | 'logger'>, lockId: string, repair: RecordLedgerRepair): Promise<RepairOutcome> {
  for (const intent of repair.intents) await insertIntentOnce(deps.orders, intent);
  const now = deps.clock.now();
  const { plan, orders, fills, stopOut } = repair;
  try {
    await deps.ledger.commit({ lockId, now, orders, fills, ...(plan ? { plan } : {}), ...(stopOut ? { stopOut } : {}) });
  } catch (error) {
    if (!(error instanceof PlanVersionConflictError) || !plan) throw error;
    const stored = await deps.plans.get(plan.plan.id);
    if (stored?.version !== plan.plan.version || stored.status !== plan.plan.status) {
      deps.logger.warn({ planId: plan.plan.id, expected: plan.expectedVersion, stored: stored?.version }, 'plan moved since the snapshot: repair left to the next round');
      return { kind: repair.kind, applied: false, detail: `plan ${plan.plan.id} is at version ${stored?.version ?? 'none'}, not ${plan.expectedVersion}` };
    }
    await deps.ledger.commit({ lockId, now, orders, fills });
  }
  const detail = `${orders.length} order(s), ${fills.length} fill(s)${plan ? `, plan ${plan.plan.id} → ${plan.plan.status}` : ''}`;
  deps.logger.info({ lockId, planId: plan?.plan.id, planStatus: plan?.plan.status, orders: orders.map((o) => o.clientOrderId), fills: fills.length }, 'ledger repaired');
  return { kind: repair.kind, applied: true, detail };
}
