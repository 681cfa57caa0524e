import { deriveClientOrderId } from '../../domain/clientOrderId.js';
import { Decimal, dec, toDecimalString } from '../../domain/decimal.js';
import type { ExecutionRefusal } from '../../domain/executionRefusal.js';
import { splitSymbol } from '../../domain/market.js';
import type { Fill, Order, OrderIntent, SubmissionOutcome } from '../../domain/order.js';
import type { ExitReason, Plan } from '../../domain/plan.js';
import { transitionPlan } from '../../domain/planLifecycle.js';
import { floorToStep, smallestSellable } from '../../domain/precision.js';
import type { Clock } from '../../ports/Clock.js';
import type { Exchange } from '../../ports/Exchange.js';
import type { KillSwitch } from '../../ports/KillSwitch.js';
import type { Logger } from '../../ports/Logger.js';
import type { OrderRepository } from '../../ports/repositories.js';
import { planFillsFrom } from '../plans/planOrders.js';
import { buildExitIntent } from './buildIntent.js';
import { closeIfDust } from './closeIfDust.js';
import { HeldAnswers } from './HeldAnswers.js';
import { isStopOut, settleOrder } from './settleOrder.js';
import { submitIntent } from './submitIntent.js';

export interface ProtectionPorts {
  readonly exchange: Exchange;
  readonly orders: OrderRepository;
  readonly killSwitch: KillSwitch;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** What reconciliation asks for: the plan as its snapshot saw it, and the exit it needs. */
export interface ProtectionRequest {
  readonly planId: string;
  readonly expectedVersion: number;
  /** `stop` rests a stop at `stopPrice`; `flatten` sells at market. Either sells at market once the price passed the stop. */
  readonly mode: 'stop' | 'flatten';
  readonly stopPrice: string;
}

export type ProtectionResult =
  | { readonly kind: 'refused'; readonly refusal: ExecutionRefusal }
  /** The venue refused the exit: the plan back to open under the next attempt, to be written. */
  | { readonly kind: 'rejected'; readonly plan: Plan; readonly reason: string }
  /** The venue refused the stop and the price has not reached it: the plan open, its stop bot-managed (`botManagedStop`), under the next attempt, to be written; the UnprotectedPosition alarm is raised. */
  | { readonly kind: 'botManaged'; readonly plan: Plan; readonly reason: string }
  /** The plan holds less than the market takes in one order at the price now: nothing sent, the plan closed as dust (`closeAsDust`), to be written. */
  | { readonly kind: 'dust'; readonly plan: Plan; readonly held: string; readonly sellableFrom: string }
  /** The plan exiting with the order as its pending exit, to be written with `answers` (the venue's answers, held for that write) before anything settles it; `sellableFrom` is what `settleMarketExit` judges its rest by. */
  | { readonly kind: 'sent'; readonly plan: Plan; readonly intent: OrderIntent; readonly outcome: SubmissionOutcome; readonly answers: readonly Order[]; readonly sellableFrom: string };

/**
 * Gives a held position its exit. Nothing is sent on a snapshot's word: `plan` is the plan
 * read again, and the free balance and price are read now. The amount is what the plan holds
 * capped by what the venue holds free (floored to the market's step), so a stale view can
 * never sell more than is held. A stop the venue refuses is never sent again: when the price
 * has passed it meanwhile (it would trigger at once) a market exit goes under the next
 * attempt; otherwise (MAX_NUM_ALGO_ORDERS, any other refusal) the stop becomes bot-managed
 * with the UnprotectedPosition alarm, as decide does with a refused resting stop.
 *
 * The venue's answer is not recorded here but handed back with the plan, for the caller's one
 * write. Run again after that write failed (a retried repair step: the plan unmoved, the id of
 * its exit attempt already spent), the exit the first run sent is adopted, never sent again,
 * whatever the venue holds free now that it has sold.
 */
export async function protectPosition(ports: ProtectionPorts, plan: Plan | undefined, request: ProtectionRequest): Promise<ProtectionResult> {
  const state = await ports.killSwitch.read();
  if (state === 'HALT') return { kind: 'refused', refusal: { code: 'kill_switch', state } };
  if (plan?.status !== 'open' || plan.version !== request.expectedVersion) {
    return { kind: 'refused', refusal: { code: 'plan_moved', status: plan?.status ?? 'gone', ...(plan ? { version: plan.version } : {}), expectedVersion: request.expectedVersion } };
  }

  const { exchange } = ports;
  const orders = new HeldAnswers(ports.orders);
  const [market, balances, last, earlier] = await Promise.all([exchange.market(plan.symbol), exchange.fetchBalances(), exchange.fetchLastPrice(plan.symbol), writtenExit(ports.orders, plan)]);
  const free = dec(balances[splitSymbol(plan.symbol).base]?.free ?? '0');
  const price = dec(last);
  const passed = price.lte(request.stopPrice);
  const exitReason: ExitReason = earlier ? exitReasonOf(earlier, request) : request.mode === 'flatten' && !passed ? 'flatten' : 'stop';
  const now = ports.clock.now();
  const sellableFrom = smallestSellable(market, price);
  const dust = earlier ? undefined : await closeIfDust(ports, plan, market, sellableFrom, exitReason, now);
  if (dust) return { kind: 'dust', plan: dust, held: plan.filledAmount ?? '0', sellableFrom: toDecimalString(sellableFrom) };
  const amount = earlier ? dec(earlier.amount) : floorToStep(Decimal.min(dec(plan.filledAmount ?? '0'), free), market.amountStep);
  if (!earlier && (amount.lte(0) || amount.lt(sellableFrom))) return { kind: 'refused', refusal: { code: 'nothing_sellable', held: plan.filledAmount ?? '0', free: toDecimalString(free) } };

  let attempt = plan;
  let sent = earlier
    ? { intent: earlier, outcome: await submitIntent(earlier, exchange, orders, transitionPlan(plan, 'exiting', now, { exitReason })) }
    : await send(ports, orders, attempt, exitReason, request.mode === 'stop' && !passed ? request.stopPrice : undefined, amount, price, now);
  if (sent.outcome.kind === 'rejected' && sent.intent.type === 'stop_market') {
    const refusal = sent.outcome.reason;
    const lastNow = dec(await exchange.fetchLastPrice(plan.symbol));
    if (lastNow.gt(request.stopPrice)) {
      const reason = `the venue refused the stop: ${refusal}`;
      ports.logger.error({ alarm: 'UnprotectedPosition', planId: plan.id, symbol: plan.symbol, stop: request.stopPrice, reason }, 'no stop rests on the venue; the bot checks the stop at each candle');
      const reopened = transitionPlan(transitionPlan(plan, 'exiting', now, { exitReason }), 'open', now, { exitAttempt: plan.exitAttempt + 1, botManagedStop: reason, botManagedCause: { kind: 'refused', stopPrice: request.stopPrice } });
      return { kind: 'botManaged', plan: reopened, reason };
    }
    ports.logger.warn({ planId: plan.id, reason: refusal, last: lastNow.toFixed() }, 'protective stop refused and passed: selling at market instead');
    attempt = { ...plan, exitAttempt: plan.exitAttempt + 1 };
    sent = await send(ports, orders, attempt, exitReason, undefined, amount, lastNow, now);
  }
  if (sent.outcome.kind === 'rejected') {
    const reopened = transitionPlan(transitionPlan(plan, 'exiting', now, { exitReason }), 'open', now, { exitAttempt: attempt.exitAttempt + 1 });
    return { kind: 'rejected', plan: reopened, reason: sent.outcome.reason };
  }
  if (earlier) ports.logger.warn({ planId: plan.id, clientOrderId: sent.intent.clientOrderId, outcome: sent.outcome.kind }, 'protective exit already sent by an earlier run whose ledger write failed: adopted, not sent again');
  return { kind: 'sent', plan: transitionPlan(attempt, 'exiting', now, { exitReason }), intent: sent.intent, outcome: sent.outcome, answers: orders.orders, sellableFrom: toDecimalString(sellableFrom) };
}

async function send(ports: ProtectionPorts, orders: HeldAnswers, plan: Plan, reason: ExitReason, stopPrice: string | undefined, amount: Decimal, price: Decimal, now: number): Promise<{ intent: OrderIntent; outcome: SubmissionOutcome }> {
  const signal = { planId: plan.id, reason, price: stopPrice ?? toDecimalString(price), orderType: stopPrice ? ('stop_market' as const) : ('market' as const) };
  const intent = buildExitIntent(plan, signal, toDecimalString(amount), now);
  const outcome = await submitIntent(intent, ports.exchange, orders, transitionPlan(plan, 'exiting', now, { exitReason: reason }));
  return { intent, outcome };
}

/** The exit already written under the plan's exit attempt (its stop or its market exit), if any: the id is spent. */
async function writtenExit(orders: OrderRepository, plan: Plan): Promise<OrderIntent | undefined> {
  const [stop, exit] = await Promise.all((['stop', 'exit'] as const).map((leg) => orders.getIntent(deriveClientOrderId(plan.botId, plan.id, leg, plan.exitAttempt))));
  return stop ?? exit;
}

/** Why the adopted exit sells: its stop leg is a stop; its exit leg, FLATTEN's or a target's. */
function exitReasonOf(intent: OrderIntent, request: ProtectionRequest): ExitReason {
  if (intent.leg === 'stop') return 'stop';
  return request.mode === 'flatten' ? 'flatten' : 'target';
}

export interface SettledExit {
  readonly plan: Plan;
  readonly order: Order;
  readonly fills: readonly Fill[];
  readonly stopOut?: { readonly symbol: string; readonly time: number };
}

/**
 * A market order (a protective exit, an entry) is normally done by the time it is
 * acknowledged: its fills move the plan now, not a round later. Undefined when the order
 * is still working (or unknown).
 */
export async function settleMarketOrder(ports: Pick<ProtectionPorts, 'exchange' | 'clock'>, exiting: Plan, intent: OrderIntent, sellableFrom: string): Promise<SettledExit | undefined> {
  const order = await ports.exchange.fetchOrderByClientId(intent.symbol, intent.clientOrderId);
  if (order === undefined || order.status === 'open') return undefined;
  const fills = await ports.exchange.fetchFills(intent.symbol, Math.min(planFillsFrom(exiting), order.timestamp));
  const now = ports.clock.now();
  const settled = settleOrder(exiting, intent.leg, order, fills, now, sellableFrom);
  const orderFills = fills.filter((f) => f.clientOrderId === intent.clientOrderId);
  const stopOut = isStopOut(settled) ? { symbol: settled.symbol, time: settled.closedAt ?? now } : undefined;
  return { plan: settled, order, fills: orderFills, ...(stopOut ? { stopOut } : {}) };
}
