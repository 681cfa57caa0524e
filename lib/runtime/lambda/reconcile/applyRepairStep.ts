import { createHash } from 'node:crypto';
import type * as z from 'zod';
import { cancelOrderRepair } from './cancelOrderRepair.js';
import { protectPositionRepair } from './protectPositionRepair.js';
import type { ReconcileDeps } from './ReconcileDeps.js';
import { recordReconciliationAction } from './recordReconciliationAction.js';
import { recordLedgerRepair } from './recordLedgerRepair.js';
import type { RepairOutcome } from './RepairOutcome.js';
import type { ApplyRepairStepInputSchema } from './stepSchemas.js';

/**
 * One item of the Map: one repair, idempotent, so the state machine may retry it. A repair
 * that changed something is recorded as a `reconciliationRepaired` bot action, once: a retry
 * of the step carries the same input, so the same key.
 */
export async function applyRepairStep(deps: ReconcileDeps, input: z.output<typeof ApplyRepairStepInputSchema>): Promise<RepairOutcome> {
  const outcome = await applyRepair(deps, input);
  if (outcome.applied) await recordReconciliationAction(deps, 'reconciliationRepaired', { lockId: input.lockId, repair: `${outcome.kind}: ${outcome.detail}` }, repairKey(input));
  return outcome;
}

/** The repair's identity: its execution (lock) and what it repairs, as the Map item gives it. */
export function repairKey({ lockId, repair }: z.output<typeof ApplyRepairStepInputSchema>): string {
  return `${lockId}#${createHash('sha256').update(JSON.stringify(repair)).digest('hex').slice(0, 32)}`;
}

function applyRepair(deps: ReconcileDeps, { lockId, repair }: z.output<typeof ApplyRepairStepInputSchema>): Promise<RepairOutcome> {
  switch (repair.kind) {
    case 'recordLedger':
      return recordLedgerRepair(deps, lockId, repair);
    case 'cancelOrder':
      return cancelOrderRepair(deps, lockId, repair);
    case 'protectPosition':
      return protectPositionRepair(deps, lockId, repair);
  }
}
