import type { CancelOrderRepair } from '../../../services/reconciliation/findings.js';
import type { ReconcileDeps } from './ReconcileDeps.js';
import { recordIntent } from './recordLedgerRepair.js';
import type { RepairOutcome } from './RepairOutcome.js';

/**
 * An order of ours the ledger does not account for: read again, cancelled if still open, and
 * recorded as the venue then shows it (with its fills), next to an intent made from it when
 * the ledger had none. HALT sends nothing, not even a cancel.
 */
export async function cancelOrderRepair(deps: Pick<ReconcileDeps, 'venue' | 'orders' | 'ledger' | 'killSwitch' | 'clock' | 'logger'>, lockId: string, repair: CancelOrderRepair): Promise<RepairOutcome> {
  const { symbol, clientOrderId } = repair.order;
  const killSwitch = await deps.killSwitch.read();
  if (killSwitch === 'HALT') return { kind: repair.kind, applied: false, detail: 'kill switch is HALT: nothing sent' };
  const exchange = await deps.venue();
  let order = await exchange.fetchOrderByClientId(symbol, clientOrderId);
  if (order === undefined) return { kind: repair.kind, applied: false, detail: `the venue no longer has ${clientOrderId}` };
  if (order.status === 'open') {
    await exchange.cancelOrder(symbol, clientOrderId);
    order = await exchange.fetchOrderByClientId(symbol, clientOrderId);
    if (order === undefined || order.status === 'open') throw new Error(`order ${clientOrderId} is still open after its cancel`);
  }
  const fills = (await exchange.fetchFills(symbol, order.timestamp)).filter((f) => f.clientOrderId === clientOrderId);
  if (repair.intent) await recordIntent(deps, repair.intent);
  await deps.ledger.commit({ lockId, now: deps.clock.now(), orders: [order], fills });
  deps.logger.warn({ lockId, clientOrderId, symbol, status: order.status, filled: order.filled }, 'unknown order of ours cancelled and recorded');
  return { kind: repair.kind, applied: true, detail: `${clientOrderId} ${order.status}, filled ${order.filled}` };
}
