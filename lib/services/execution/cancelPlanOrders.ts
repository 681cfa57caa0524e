import { dec } from '../../domain/decimal.js';
import type { Plan } from '../../domain/plan.js';
import type { Exchange } from '../../ports/Exchange.js';
import type { Logger } from '../../ports/Logger.js';
import { pendingClientOrderId, planClientOrderIds } from '../plans/planOrders.js';

export interface CancelOutcome {
  readonly cancelled: readonly { readonly planId: string; readonly clientOrderId: string }[];
  /** Plan id → why it must not be exited now (a cancel that failed, or fills the ledger has not seen). */
  readonly held: ReadonlyMap<string, string>;
}

/**
 * Cancels, at the venue, every open order of the symbol that belongs to one of the plans
 * (recognised by the client order ids execution derives for each leg and attempt). Orders
 * that are not ours are left alone. A plan's pending order (its entry while entering, its
 * exit while exiting) is then settled by `settlePendingOrders`, fills and all. Any other
 * cancelled order (a resting protective stop) that had filled something is a change the
 * ledger has not seen: that plan is held back for reconciliation rather than sold on a
 * position the ledger overstates.
 */
export async function cancelPlanOrders(symbol: string, plans: readonly Plan[], exchange: Exchange, logger: Logger): Promise<CancelOutcome> {
  const owner = new Map<string, Plan>();
  for (const plan of plans) for (const id of planClientOrderIds(plan).keys()) owner.set(id, plan);
  const open = (await exchange.fetchOpenOrders(symbol)).filter((order) => owner.has(order.clientOrderId));

  const cancelled: { planId: string; clientOrderId: string }[] = [];
  const held = new Map<string, string>();
  for (const order of open) {
    const plan = owner.get(order.clientOrderId)!;
    const { clientOrderId } = order;
    try {
      await exchange.cancelOrder(symbol, clientOrderId);
    } catch (error) {
      logger.error({ planId: plan.id, clientOrderId, err: error }, 'flatten: could not cancel the order');
      held.set(plan.id, `could not cancel ${clientOrderId}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    cancelled.push({ planId: plan.id, clientOrderId });
    logger.info({ planId: plan.id, clientOrderId }, 'flatten: order cancelled');
    if (clientOrderId === pendingClientOrderId(plan)) continue;
    const after = await exchange.fetchOrderByClientId(symbol, clientOrderId);
    if (after !== undefined && dec(after.filled).gt(0)) {
      held.set(plan.id, `cancelled ${clientOrderId} had filled ${after.filled}: left for reconciliation`);
    }
  }
  return { cancelled, held };
}
