import type { BotManagedCause } from '../../domain/botManagedStop.js';
import { deriveClientOrderId } from '../../domain/clientOrderId.js';
import type { OrderSummary } from '../../domain/decisionRecord.js';
import { dec, toDecimalString } from '../../domain/decimal.js';
import { ExchangeOrderNotFoundError } from '../../domain/errors.js';
import type { OrderIntent } from '../../domain/order.js';
import type { Plan } from '../../domain/plan.js';
import { transitionPlan, updatePlan } from '../../domain/planLifecycle.js';
import { floorToStep, smallestSellable } from '../../domain/precision.js';
import type { Clock } from '../../ports/Clock.js';
import type { Exchange } from '../../ports/Exchange.js';
import type { KillSwitch } from '../../ports/KillSwitch.js';
import type { Logger } from '../../ports/Logger.js';
import type { OrderRepository } from '../../ports/repositories.js';
import type { ExitSignal } from '../plans/ExitSignal.js';
import { restingStopClientOrderId, stopExitReason } from '../plans/planOrders.js';
import { orderSummary } from './orderSummary.js';
import { submitIntent } from './submitIntent.js';

export interface RestingStopPorts {
  readonly exchange: Exchange;
  readonly orders: OrderRepository;
  readonly killSwitch: KillSwitch;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface RestingStopResult {
  readonly plan: Plan;
  readonly orders: readonly OrderSummary[];
  /** The stop had already passed when the venue refused it: the position must leave at once, by this exit. */
  readonly exitNow?: ExitSignal;
}

/**
 * Rests the plan's stop (its `activeStop`) on the venue as a stop order of leg `stop` at the
 * plan's exit attempt, for what the plan holds floored to the market's step. A refused stop
 * is never sent again: when the price has already passed it the position leaves at once
 * (`exitNow`, at market, under the next attempt); otherwise the plan's stop becomes
 * bot-managed (checked at each candle close) and the UnprotectedPosition alarm is raised.
 * `restingOnSymbol` is how many stops of the bot already rest on the symbol: at the venue's
 * limit the plan is bot-managed the same way, without asking. Each records its cause
 * (BotManagedCause), and a stop that rests clears it. HALT sends nothing.
 */
export async function placeRestingStop(ports: RestingStopPorts, plan: Plan, restingOnSymbol: number, maxRestingStops: number): Promise<RestingStopResult> {
  if ((await ports.killSwitch.read()) === 'HALT') return { plan, orders: [] };
  const now = ports.clock.now();
  const market = await ports.exchange.market(plan.symbol);
  const stopPrice = plan.activeStop ?? plan.stop;
  const amount = floorToStep(plan.filledAmount ?? '0', market.amountStep);
  // What a stop sells at its level must be an order the market takes there: the minimum
  // amount, and the minimum order value at the stop price (smallestSellable).
  const sellableFrom = smallestSellable(market, stopPrice);
  if (amount.lt(sellableFrom) || amount.isZero()) {
    const cause: BotManagedCause = { kind: 'below_minimum', held: plan.filledAmount ?? '0', minAmount: toDecimalString(sellableFrom) };
    return { plan: botManaged(ports, plan, now, `holds ${cause.held}, under the market's minimum order ${cause.minAmount}`, cause), orders: [] };
  }
  if (restingOnSymbol >= maxRestingStops) {
    const cause: BotManagedCause = { kind: 'stop_limit', resting: restingOnSymbol, limit: maxRestingStops };
    return { plan: botManaged(ports, plan, now, `${restingOnSymbol} stops already rest on ${plan.symbol}, the venue's limit`, cause), orders: [] };
  }

  const intent: OrderIntent = {
    clientOrderId: deriveClientOrderId(plan.botId, plan.id, 'stop', plan.exitAttempt),
    botId: plan.botId,
    planId: plan.id,
    leg: 'stop',
    attempt: plan.exitAttempt,
    symbol: plan.symbol,
    side: plan.side === 'long' ? 'sell' : 'buy',
    type: 'stop_market',
    amount: toDecimalString(amount),
    price: stopPrice,
    stopPrice,
    createdAt: now,
  };
  const wasBotManaged = plan.botManagedStop !== undefined;
  const protectedPlan = updatePlan(plan, now, { restingStop: { attempt: plan.exitAttempt, stopPrice, amount: intent.amount, placedAt: now }, ...(wasBotManaged ? { botManagedStop: undefined, botManagedCause: undefined } : {}) });
  const outcome = await submitIntent(intent, ports.exchange, ports.orders, protectedPlan);
  const summary = orderSummary(intent, outcome);
  // The id was spent by an earlier run of a decision that died before its commit, on an exit
  // that has ended (a market exit, or the rest of one that ran out of book): that order is the
  // plan's exit under this attempt, never a resting stop. The plan waits on it, and settlement
  // books its fills (returning what it left to open for the next stop).
  if (outcome.kind === 'acknowledged' && outcome.order.status !== 'open') {
    ports.logger.warn({ planId: plan.id, clientOrderId: intent.clientOrderId, orderStatus: outcome.order.status, filled: outcome.order.filled }, 'stop id already spent on an exit that ended: settled as the plan\'s exit');
    return { plan: transitionPlan(plan, 'exiting', now, { exitReason: stopExitReason(plan) }), orders: [summary] };
  }
  // An unknown outcome rests as far as the ledger knows: the next settlement looks it up by its id.
  if (outcome.kind !== 'rejected') {
    const fields = { planId: plan.id, clientOrderId: intent.clientOrderId, stopPrice, amount: intent.amount, outcome: outcome.kind };
    if (wasBotManaged) ports.logger.info({ ...fields, symbol: plan.symbol, botManagedStop: plan.botManagedStop }, 'stop resting on the venue: the position is protected again, its stop no longer bot-managed');
    else ports.logger.info(fields, 'stop resting on the venue');
    return { plan: protectedPlan, orders: [summary] };
  }
  const last = await ports.exchange.fetchLastPrice(plan.symbol);
  const next = updatePlan(plan, now, { exitAttempt: plan.exitAttempt + 1 });
  const exitNow: ExitSignal = { planId: plan.id, reason: stopExitReason(plan), price: stopPrice, orderType: 'market' };
  if (dec(last).lte(stopPrice)) {
    ports.logger.warn({ planId: plan.id, clientOrderId: intent.clientOrderId, stopPrice, last, reason: outcome.reason }, 'stop refused and already passed: exiting at market');
    return { plan: next, orders: [summary], exitNow };
  }
  // A stop refused under a spent id: an earlier run of this decision, which died before its
  // commit, may have sold at market under the next attempt when the price had passed then.
  // That exit is adopted (never sent again), or the plan would hold what the venue sold.
  const nextExitId = deriveClientOrderId(plan.botId, plan.id, 'stop', next.exitAttempt);
  if ((await ports.exchange.fetchOrderByClientId(plan.symbol, nextExitId)) !== undefined) {
    ports.logger.warn({ planId: plan.id, clientOrderId: intent.clientOrderId, exitClientOrderId: nextExitId, reason: outcome.reason }, 'stop refused; an earlier attempt of this decision already sold at market: adopting that exit');
    return { plan: next, orders: [summary], exitNow };
  }
  return { plan: botManaged(ports, next, now, `the venue refused the stop: ${outcome.reason}`, { kind: 'refused', stopPrice }), orders: [summary] };
}

function botManaged(ports: RestingStopPorts, plan: Plan, now: number, reason: string, cause: BotManagedCause): Plan {
  ports.logger.error({ alarm: 'UnprotectedPosition', planId: plan.id, symbol: plan.symbol, stop: plan.activeStop ?? plan.stop, reason }, 'no stop rests on the venue; the bot checks the stop at each candle');
  return updatePlan(plan, now, { botManagedStop: reason, botManagedCause: cause });
}

export type CancelledStop =
  /** The stop is gone, nothing sold: the plan without it, under the next exit attempt. */
  | { readonly kind: 'cancelled'; readonly plan: Plan }
  /** The stop sold before the cancel reached it: the plan exiting on it, for settlement to close. */
  | { readonly kind: 'filled'; readonly plan: Plan; readonly filled: string }
  /** The cancel failed: the stop may still rest, so nothing else may be sold now. */
  | { readonly kind: 'failed'; readonly reason: string };

/**
 * Takes the plan's resting stop off the venue before anything else sells the position, and
 * records its final state. A stop that filled (in part too) meanwhile is the plan's exit: the plan goes exiting with
 * that stop as its pending order, and settlement closes it (or returns what is left to open).
 */
export async function cancelRestingStop(ports: Pick<RestingStopPorts, 'exchange' | 'orders' | 'clock' | 'logger'>, plan: Plan): Promise<CancelledStop> {
  const resting = plan.restingStop;
  const clientOrderId = restingStopClientOrderId(plan);
  if (resting === undefined || clientOrderId === undefined) return { kind: 'cancelled', plan };
  const { exchange, logger } = ports;
  try {
    await exchange.cancelOrder(plan.symbol, clientOrderId);
  } catch (error) {
    if (!(error instanceof ExchangeOrderNotFoundError)) {
      logger.error({ planId: plan.id, clientOrderId, err: error }, 'could not cancel the resting stop');
      return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
    }
  }
  const after = await exchange.fetchOrderByClientId(plan.symbol, clientOrderId);
  const now = ports.clock.now();
  if (after !== undefined && after.status === 'open') return { kind: 'failed', reason: `${clientOrderId} is still open after the cancel` };
  if (after !== undefined && dec(after.filled).gt(0)) {
    logger.warn({ planId: plan.id, clientOrderId, filled: after.filled }, 'the resting stop filled before its cancel');
    const exiting = transitionPlan(plan, 'exiting', now, { exitReason: stopExitReason(plan), exitAttempt: resting.attempt, restingStop: undefined });
    return { kind: 'filled', plan: exiting, filled: after.filled };
  }
  if (after !== undefined) await ports.orders.recordOrder(after);
  logger.info({ planId: plan.id, clientOrderId }, 'resting stop cancelled');
  return { kind: 'cancelled', plan: updatePlan(plan, now, { restingStop: undefined, exitAttempt: plan.exitAttempt + 1 }) };
}
