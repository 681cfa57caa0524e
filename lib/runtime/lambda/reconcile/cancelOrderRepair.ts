import { describeRefusal } from '../../../domain/executionRefusal.js';
import { ExecutionService } from '../../../services/execution/ExecutionService.js';
import type { CancelOrderRepair } from '../../../services/reconciliation/findings.js';
import type { ReconcileDeps } from './ReconcileDeps.js';
import type { RepairOutcome } from './RepairOutcome.js';

/**
 * An order of ours the ledger does not account for: cancelled if still open
 * (`ExecutionService.cancelOrder`), and recorded as the venue then shows it, with its fills.
 */
export async function cancelOrderRepair(deps: Pick<ReconcileDeps, 'config' | 'venue' | 'orders' | 'ledger' | 'killSwitch' | 'clock' | 'logger'>, lockId: string, repair: CancelOrderRepair): Promise<RepairOutcome> {
  const { symbol, clientOrderId } = repair.order;
  const execution = new ExecutionService({ exchange: await deps.venue(), orders: deps.orders, killSwitch: deps.killSwitch, clock: deps.clock, config: deps.config.execution, logger: deps.logger });
  const result = await execution.cancelOrder(symbol, clientOrderId, repair.intent);
  if (result.kind === 'refused') return { kind: repair.kind, applied: false, detail: describeRefusal(result.refusal) };
  const { order, fills } = result;
  await deps.ledger.commit({ lockId, now: deps.clock.now(), orders: [order], fills });
  deps.logger.warn({ lockId, clientOrderId, symbol, status: order.status, filled: order.filled }, 'unknown order of ours cancelled and recorded');
  return { kind: repair.kind, applied: true, detail: `${clientOrderId} ${order.status}, filled ${order.filled}` };
}
