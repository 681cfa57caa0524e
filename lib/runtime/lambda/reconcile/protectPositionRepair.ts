import { describeRefusal } from '../../../domain/executionRefusal.js';
import type { Logger } from '../../../ports/Logger.js';
import { ExecutionService } from '../../../services/execution/ExecutionService.js';
import type { ProtectPositionRepair } from '../../../services/reconciliation/findings.js';
import type { ReconcileDeps } from './ReconcileDeps.js';
import type { RepairOutcome } from './RepairOutcome.js';

type Deps = Pick<ReconcileDeps, 'config' | 'venue' | 'orders' | 'plans' | 'ledger' | 'killSwitch' | 'clock' | 'logger'>;

/**
 * Gives a held position its exit (`ExecutionService.protectPosition`), on the plan read
 * again. The plan moves to exiting with the order as its pending exit, written before a
 * market exit that filled is settled, so decide (or the next round) settles it otherwise.
 */
export async function protectPositionRepair(deps: Deps, lockId: string, repair: ProtectPositionRepair): Promise<RepairOutcome> {
  const logger = withLockId(deps.logger, lockId);
  const plan = await deps.plans.get(repair.planId);
  const execution = new ExecutionService({ exchange: await deps.venue(), orders: deps.orders, killSwitch: deps.killSwitch, clock: deps.clock, config: deps.config.execution, logger });
  const result = await execution.protectPosition(plan, repair);
  const skip = (detail: string): RepairOutcome => {
    logger.warn({ planId: repair.planId, detail }, 'protective exit not sent');
    return { kind: repair.kind, applied: false, detail };
  };
  if (result.kind === 'refused') return skip(describeRefusal(result.refusal));
  const expectedVersion = repair.expectedVersion;
  const now = deps.clock.now();
  await deps.ledger.commit({ lockId, now, plan: { plan: result.plan, expectedVersion }, orders: result.kind === 'sent' ? result.answers : [], fills: [] });
  if (result.kind === 'rejected') return skip(`the venue refused the exit: ${result.reason}`);
  if (result.kind === 'botManaged') return { kind: repair.kind, applied: true, detail: `${result.reason}: the stop is bot-managed (UnprotectedPosition)` };

  const { intent, outcome } = result;
  logger.warn({ planId: repair.planId, clientOrderId: intent.clientOrderId, type: intent.type, amount: intent.amount, stopPrice: intent.stopPrice, outcome: outcome.kind }, 'protective exit sent');
  const settled = intent.type === 'market' && outcome.kind === 'acknowledged' ? await execution.settleMarketExit(result.plan, intent, result.minAmount) : undefined;
  if (settled) {
    const { plan: closed, order, fills, stopOut } = settled;
    await deps.ledger.commit({ lockId, now: deps.clock.now(), plan: { plan: closed, expectedVersion: result.plan.version }, orders: [order], fills, ...(stopOut ? { stopOut } : {}) });
  }
  return { kind: repair.kind, applied: true, detail: `${intent.type} sell ${intent.amount} ${intent.symbol} (${outcome.kind})${settled ? `, plan ${settled.plan.status}` : ''}` };
}

function withLockId(logger: Logger, lockId: string): Logger {
  return {
    debug: (fields, message) => logger.debug({ lockId, ...fields }, message),
    info: (fields, message) => logger.info({ lockId, ...fields }, message),
    warn: (fields, message) => logger.warn({ lockId, ...fields }, message),
    error: (fields, message) => logger.error({ lockId, ...fields }, message),
  };
}
