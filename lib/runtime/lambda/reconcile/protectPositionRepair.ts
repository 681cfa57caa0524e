import { planFillsFrom } from '../../../services/plans/planOrders.js';
import { Decimal, dec, toDecimalString } from '../../../domain/decimal.js';
import { splitSymbol } from '../../../domain/market.js';
import type { OrderIntent, SubmissionOutcome } from '../../../domain/order.js';
import type { ExitReason, Plan } from '../../../domain/plan.js';
import { transitionPlan } from '../../../domain/planLifecycle.js';
import { floorToStep } from '../../../domain/precision.js';
import type { Exchange } from '../../../ports/Exchange.js';
import { buildExitIntent } from '../../../services/execution/buildIntent.js';
import { isStopOut, settleOrder } from '../../../services/execution/settleOrder.js';
import { submitIntent } from '../../../services/execution/submitIntent.js';
import type { ProtectPositionRepair } from '../../../services/reconciliation/findings.js';
import type { ReconcileDeps } from './ReconcileDeps.js';
import type { RepairOutcome } from './RepairOutcome.js';

type Deps = Pick<ReconcileDeps, 'venue' | 'orders' | 'plans' | 'ledger' | 'killSwitch' | 'clock' | 'logger'>;

/**
 * Gives a held position its exit. Nothing is sent on the snapshot's word: the plan, the free
 * balance and the price are read again first, the amount is what the plan holds capped by
 * what the venue holds free (floored to the market's step), so a stale view can never sell
 * more than is held. The plan moves to exiting with the order as its pending exit, so decide
 * (or the next round) settles it. A stop the venue refuses (it would trigger at once) becomes
 * a market exit under the next attempt; a market exit that filled is settled here.
 */
export async function protectPositionRepair(deps: Deps, lockId: string, repair: ProtectPositionRepair): Promise<RepairOutcome> {
  const skip = (detail: string): RepairOutcome => {
    deps.logger.warn({ lockId, planId: repair.planId, detail }, 'protective exit not sent');
    return { kind: repair.kind, applied: false, detail };
  };
  const killSwitch = await deps.killSwitch.read();
  if (killSwitch === 'HALT') return skip('kill switch is HALT: nothing sent');
  const plan = await deps.plans.get(repair.planId);
  if (plan?.status !== 'open' || plan.version !== repair.expectedVersion) return skip(`plan moved since the snapshot (${plan?.status ?? 'gone'}, version ${plan?.version ?? '-'})`);

  const exchange = await deps.venue();
  const [market, balances, last] = await Promise.all([exchange.market(plan.symbol), exchange.fetchBalances(), exchange.fetchLastPrice(plan.symbol)]);
  const free = dec(balances[splitSymbol(plan.symbol).base]?.free ?? '0');
  const amount = floorToStep(Decimal.min(dec(plan.filledAmount ?? '0'), free), market.amountStep);
  if (amount.lte(0) || amount.lt(market.minAmount)) return skip(`holds ${plan.filledAmount ?? '0'}, ${toDecimalString(free)} free at the venue: nothing sellable`);

  const price = dec(last);
  const passed = price.lte(repair.stopPrice);
  const exitReason: ExitReason = repair.mode === 'flatten' && !passed ? 'flatten' : 'stop';
  const now = deps.clock.now();
  let attempt = plan;
  let sent = await send(deps, exchange, attempt, exitReason, repair.mode === 'stop' && !passed ? repair.stopPrice : undefined, amount, price, now);
  if (sent.outcome.kind === 'rejected' && sent.intent.type === 'stop_market') {
    deps.logger.warn({ lockId, planId: plan.id, reason: sent.outcome.reason }, 'protective stop refused: selling at market instead');
    attempt = { ...plan, exitAttempt: plan.exitAttempt + 1 };
    sent = await send(deps, exchange, attempt, exitReason, undefined, amount, price, now);
  }
  if (sent.outcome.kind === 'rejected') {
    const reopened = transitionPlan(transitionPlan(plan, 'exiting', now, { exitReason }), 'open', now, { exitAttempt: attempt.exitAttempt + 1 });
    await deps.ledger.commit({ lockId, now, plan: { plan: reopened, expectedVersion: plan.version }, orders: [], fills: [] });
    return skip(`the venue refused the exit: ${sent.outcome.reason}`);
  }
  const exiting = transitionPlan(attempt, 'exiting', now, { exitReason });
  await deps.ledger.commit({ lockId, now, plan: { plan: exiting, expectedVersion: plan.version }, orders: [], fills: [] });
  deps.logger.warn({ lockId, planId: plan.id, clientOrderId: sent.intent.clientOrderId, type: sent.intent.type, amount: sent.intent.amount, stopPrice: sent.intent.stopPrice, outcome: sent.outcome.kind }, 'protective exit sent');
  const settled = sent.intent.type === 'market' && sent.outcome.kind === 'acknowledged' ? await settleNow(deps, exchange, lockId, exiting, sent.intent, market.minAmount) : undefined;
  return { kind: repair.kind, applied: true, detail: `${sent.intent.type} sell ${sent.intent.amount} ${plan.symbol} (${sent.outcome.kind})${settled ? `, plan ${settled.status}` : ''}` };
}

async function send(deps: Deps, exchange: Exchange, plan: Plan, reason: ExitReason, stopPrice: string | undefined, amount: Decimal, price: Decimal, now: number): Promise<{ intent: OrderIntent; outcome: SubmissionOutcome }> {
  const signal = { planId: plan.id, reason, price: stopPrice ?? toDecimalString(price), orderType: stopPrice ? ('stop_market' as const) : ('market' as const) };
  const intent = buildExitIntent(plan, signal, toDecimalString(amount), now);
  const outcome = await submitIntent(intent, exchange, deps.orders, transitionPlan(plan, 'exiting', now, { exitReason: reason }));
  return { intent, outcome };
}

/** A market exit is normally done by the time it is acknowledged: its fills close the plan now, not a round later. */
async function settleNow(deps: Deps, exchange: Exchange, lockId: string, exiting: Plan, intent: OrderIntent, minAmount: string): Promise<Plan | undefined> {
  const order = await exchange.fetchOrderByClientId(intent.symbol, intent.clientOrderId);
  if (order === undefined || order.status === 'open') return undefined;
  const fills = await exchange.fetchFills(intent.symbol, Math.min(planFillsFrom(exiting), order.timestamp));
  const now = deps.clock.now();
  const settled = settleOrder(exiting, intent.leg, order, fills, now, minAmount);
  const orderFills = fills.filter((f) => f.clientOrderId === intent.clientOrderId);
  const stopOut = isStopOut(settled) ? { symbol: settled.symbol, time: settled.closedAt ?? now } : undefined;
  await deps.ledger.commit({ lockId, now, plan: { plan: settled, expectedVersion: exiting.version }, orders: [order], fills: orderFills, ...(stopOut ? { stopOut } : {}) });
  return settled;
}
