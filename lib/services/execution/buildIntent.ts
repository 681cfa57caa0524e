import { deriveClientOrderId } from '../../domain/clientOrderId.js';
import type { OrderIntent } from '../../domain/order.js';
import type { Plan } from '../../domain/plan.js';
import type { ExitSignal } from '../plans/ExitSignal.js';

/** A market buy for the plan's approved amount; `price` records what the decision expected. */
export function buildEntryIntent(plan: Plan, now: number): OrderIntent {
  if (plan.amount === undefined) throw new Error(`plan ${plan.id} has no approved amount`);
  return {
    clientOrderId: deriveClientOrderId(plan.botId, plan.id, 'entry', plan.entryAttempt),
    botId: plan.botId,
    planId: plan.id,
    leg: 'entry',
    attempt: plan.entryAttempt,
    symbol: plan.symbol,
    side: plan.side === 'long' ? 'buy' : 'sell',
    type: 'market',
    amount: plan.amount,
    price: plan.entry,
    createdAt: now,
  };
}

/** Sells everything the plan holds: a stop at the trigger, a limit at the target, or at market. */
export function buildExitIntent(plan: Plan, exit: ExitSignal, heldAmount: string, now: number): OrderIntent {
  const leg = exit.reason === 'stop' || exit.reason === 'trailing_stop' ? 'stop' : 'exit';
  return {
    clientOrderId: deriveClientOrderId(plan.botId, plan.id, leg, plan.exitAttempt),
    botId: plan.botId,
    planId: plan.id,
    leg,
    attempt: plan.exitAttempt,
    symbol: plan.symbol,
    side: plan.side === 'long' ? 'sell' : 'buy',
    type: exit.orderType,
    amount: heldAmount,
    price: exit.price,
    ...(exit.orderType === 'stop_market' ? { stopPrice: exit.price } : {}),
    createdAt: now,
  };
}
