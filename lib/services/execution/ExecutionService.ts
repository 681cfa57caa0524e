import { deriveClientOrderId } from '../../domain/clientOrderId.js';
import { dec, toDecimalString } from '../../domain/decimal.js';
import { floorToStep, smallestSellable } from '../../domain/precision.js';
import type { ExecutionConfig } from '../../domain/config.js';
import type { OrderSummary } from '../../domain/decisionRecord.js';
import { type ExecutionRefusal, describeRefusal } from '../../domain/executionRefusal.js';
import type { Fill, Order, OrderIntent, SubmissionOutcome } from '../../domain/order.js';
import type { Plan } from '../../domain/plan.js';
import { transitionPlan } from '../../domain/planLifecycle.js';
import type { Clock } from '../../ports/Clock.js';
import type { Exchange } from '../../ports/Exchange.js';
import type { KillSwitch } from '../../ports/KillSwitch.js';
import type { Logger } from '../../ports/Logger.js';
import type { OrderRepository } from '../../ports/repositories.js';
import type { ExitSignal } from '../plans/ExitSignal.js';
import { buildEntryIntent, buildExitIntent } from './buildIntent.js';
import { type CancelResult, cancelOrder } from './cancelOrder.js';
import { closeIfDust } from './closeIfDust.js';
import { type FlattenOptions, type FlattenResult, flattenLivePlans } from './flattenLivePlans.js';
import { orderSummary } from './orderSummary.js';
import { type ProtectionRequest, type ProtectionResult, type SettledExit, protectPosition, settleMarketOrder } from './protectPosition.js';
import { chainSettled, chainSummaries } from './resultChain.js';
import { cancelRestingStop, placeRestingStop } from './restingStop.js';
import { checkEntrySlippage } from './slippageGuard.js';
import { submitIntent } from './submitIntent.js';

export interface ExecutionDeps {
  readonly exchange: Exchange;
  readonly orders: OrderRepository;
  readonly killSwitch: KillSwitch;
  readonly clock: Clock;
  readonly config: ExecutionConfig;
  readonly logger: Logger;
}

export interface ExecutionResult {
  readonly plan: Plan;
  readonly order: OrderSummary;
  /** An order that ended when placed (an entry filled, an order part-filled and expired), settled at once: the venue's final order and its fills, for the commit. */
  readonly settled?: { readonly order: Order; readonly fills: readonly Fill[] };
  /** The market exit sent at once for the rest an exit left when it ended part-filled; `plan` is then the plan after it. */
  readonly remainder?: ExecutionResult;
}

/**
 * How many market exits one exit sends at once for what the one before left (a market sell
 * that ran out of book ends EXPIRED part-filled). The book a market order walks is there again
 * a moment later on a liquid venue; should it not be, the plan stays open holding the rest and
 * the next decision exits again (its exit signal, or FLATTEN) or rests its stop.
 */
export const REMAINDER_EXITS = 3;

/** A stop placed or moved; `settledFills` when the stop was refused as passed and the market exit that replaced it (and its remainders) ended at once. */
export interface StopResult {
  readonly plan: Plan;
  readonly orders: readonly OrderSummary[];
  readonly settledFills: readonly Fill[];
}

/**
 * Sends entries and exits, FLATTEN, and reconciliation's protective exits and cancels. Every
 * path reads the kill switch first and writes the intent before the order; what it declines
 * to send comes back as an ExecutionRefusal, never sent.
 */
export class ExecutionService {
  constructor(private readonly deps: ExecutionDeps) {}

  async enter(plan: Plan, lastPrice: number): Promise<ExecutionResult> {
    const now = this.deps.clock.now();
    const intent = buildEntryIntent(plan, now);
    const state = await this.deps.killSwitch.read();
    if (state !== 'RUN') return this.refuse(plan, intent, { code: 'kill_switch', state });
    const limit = this.deps.config.maxEntrySlippagePct;
    const slippage = checkEntrySlippage(plan.entry, lastPrice, limit);
    if (!slippage.ok) return this.refuse(plan, intent, { code: 'entry_slippage', moved: slippage.moved, limit: String(limit) });

    const entering = transitionPlan(plan, 'entering', now);
    const outcome = await submitIntent(intent, this.deps.exchange, this.deps.orders, entering);
    this.log(intent, outcome);
    if (outcome.kind === 'rejected') return { plan: transitionPlan(entering, 'cancelled', now), order: orderSummary(intent, outcome) };
    // With stops on the venue, an entry that filled when placed is settled now, so its stop
    // rests from this decision rather than a candle later. One that ended part-filled or
    // unfilled (a market order that ran out of book ends EXPIRED) is settled now whoever holds
    // the stop: it is final, so the commit records it with its fills, and the plan opens on
    // what filled (or is cancelled).
    if (outcome.kind === 'acknowledged' && (endedShort(outcome.order) || (outcome.order.status === 'closed' && this.deps.config.stops === 'exchange'))) {
      const settled = await settleMarketOrder(this.deps, entering, intent, '0');
      if (settled) return { plan: settled.plan, order: orderSummary(intent, outcome), settled: { order: settled.order, fills: settled.fills } };
    }
    // Acknowledged waits for its fill; unknown stays entering until reconciliation settles it.
    return { plan: entering, order: orderSummary(intent, outcome) };
  }

  /**
   * Sells what the plan holds, floored to the market's step: the intent records what the venue
   * is sent. HALT sends nothing, not even an exit; PAUSE_ENTRIES and FLATTEN still manage
   * exits. A stop resting for the plan is cancelled first; one that filled meanwhile is the
   * exit, and one that cannot be cancelled holds the exit back to the next candle.
   */
  async exit(plan: Plan, exit: ExitSignal, heldAmount: string): Promise<ExecutionResult> {
    return this.exitRemainder(await this.exitOnce(plan, exit, heldAmount), exit, REMAINDER_EXITS);
  }

  /**
   * An exit that ended part-filled has been booked on what it sold and left its plan open
   * holding the rest: the rest is sold now, at market, under the next exit attempt. A rest
   * below the market's minimums was closed as the plan's dust when the exit settled.
   */
  private async exitRemainder(result: ExecutionResult, exit: ExitSignal, exitsLeft: number): Promise<ExecutionResult> {
    const { plan } = result;
    if (result.settled === undefined || plan.status !== 'open' || dec(plan.filledAmount ?? '0').lte(0)) return result;
    if (exitsLeft === 0) {
      this.deps.logger.warn({ planId: plan.id, held: plan.filledAmount, exitAttempt: plan.exitAttempt }, 'exit ended part-filled again: the rest is left for the next decision');
      return result;
    }
    this.deps.logger.warn({ planId: plan.id, held: plan.filledAmount, exitAttempt: plan.exitAttempt }, 'exit ended part-filled: the rest exits at once, at market');
    const rest = await this.exitOnce(plan, { ...exit, orderType: 'market' }, plan.filledAmount ?? '0');
    const remainder = await this.exitRemainder(rest, exit, exitsLeft - 1);
    return { ...result, plan: remainder.plan, remainder };
  }

  private async exitOnce(plan: Plan, exit: ExitSignal, heldAmount: string): Promise<ExecutionResult> {
    const state = await this.deps.killSwitch.read();
    if (state === 'HALT') {
      const intent = buildExitIntent(plan, exit, heldAmount, this.deps.clock.now());
      return { plan, order: orderSummary(intent, { kind: 'refused', refusal: { code: 'kill_switch', state } }) };
    }
    if (plan.restingStop !== undefined) {
      const stopId = deriveClientOrderId(plan.botId, plan.id, 'stop', plan.restingStop.attempt);
      const cancelled = await cancelRestingStop(this.deps, plan);
      const intent = buildExitIntent(plan, exit, heldAmount, this.deps.clock.now());
      if (cancelled.kind === 'failed') return { plan, order: orderSummary(intent, { kind: 'refused', refusal: { code: 'stop_not_cancelled', clientOrderId: stopId, reason: cancelled.reason } }) };
      if (cancelled.kind === 'filled') return { plan: cancelled.plan, order: orderSummary(intent, { kind: 'refused', refusal: { code: 'stop_filled', clientOrderId: stopId, filled: cancelled.filled } }) };
      plan = cancelled.plan;
    }
    const now = this.deps.clock.now();
    const market = await this.deps.exchange.market(plan.symbol);
    const intent = buildExitIntent(plan, exit, toDecimalString(floorToStep(heldAmount, market.amountStep)), now);
    const sellableFrom = smallestSellable(market, exit.price);
    const dust = await closeIfDust(this.deps, plan, market, sellableFrom, exit.reason, now);
    if (dust) return { plan: dust, order: orderSummary(intent, { kind: 'refused', refusal: { code: 'dust', held: heldAmount, sellableFrom: toDecimalString(sellableFrom) } }) };

    const exiting = transitionPlan(plan, 'exiting', now, { exitReason: exit.reason });
    const outcome = await submitIntent(intent, this.deps.exchange, this.deps.orders, exiting);
    this.log(intent, outcome);
    if (outcome.kind === 'rejected') {
      // Back to open with a new attempt number: the next candle checks the exit again.
      return { plan: transitionPlan(exiting, 'open', now, { exitAttempt: plan.exitAttempt + 1 }), order: orderSummary(intent, outcome) };
    }
    // An exit that ended short (a market sell that ran out of book ends EXPIRED, part-filled)
    // is final: settled now, its fills go with the commit and the plan holds the rest, open
    // under the next exit attempt (`exit` sells it at once).
    if (outcome.kind === 'acknowledged' && endedShort(outcome.order)) {
      const settled = await settleMarketOrder(this.deps, exiting, intent, toDecimalString(sellableFrom));
      if (settled) return { plan: settled.plan, order: orderSummary(intent, outcome), settled: { order: settled.order, fills: settled.fills } };
    }
    return { plan: exiting, order: orderSummary(intent, outcome) };
  }

  /**
   * Rests a filled position's stop on the venue (see placeRestingStop). A stop the price has
   * already passed leaves at once: the exit is sent here, at market.
   */
  async restStop(plan: Plan, restingOnSymbol: number): Promise<StopResult> {
    const placed = await placeRestingStop(this.deps, plan, restingOnSymbol, this.deps.config.maxRestingStopsPerSymbol);
    if (placed.exitNow === undefined) return { plan: placed.plan, orders: placed.orders, settledFills: [] };
    const exited = await this.exit(placed.plan, placed.exitNow, placed.plan.filledAmount ?? '0');
    return { plan: exited.plan, orders: [...placed.orders, ...chainSummaries(exited)], settledFills: chainSettled(exited).fills };
  }

  /**
   * Moves a resting stop to the plan's new `activeStop` (the trail moved): cancel, then a new
   * stop under the next attempt, so two never rest for one plan. The moment between has no
   * stop on the venue: it is logged, and the new stop's summary carries how long it lasted.
   */
  async moveStop(plan: Plan, restingOnSymbol: number): Promise<StopResult> {
    const cancelledAt = this.deps.clock.now();
    const cancelled = await cancelRestingStop(this.deps, plan);
    if (cancelled.kind !== 'cancelled') return { plan: cancelled.kind === 'filled' ? cancelled.plan : plan, orders: [], settledFills: [] };
    this.deps.logger.warn({ planId: plan.id, from: plan.restingStop?.stopPrice, to: plan.activeStop }, 'moving the stop: none rests until the new one is placed');
    const placed = await this.restStop(cancelled.plan, restingOnSymbol - 1);
    const gapMs = this.deps.clock.now() - cancelledAt;
    return { ...placed, orders: placed.orders.map((o) => (o.leg === 'stop' && o.outcome !== 'rejected' ? { ...o, unprotectedMs: gapMs } : o)) };
  }

  /**
   * FLATTEN over the live plans (see flattenLivePlans). Under HALT nothing is touched: a
   * resting stop cancelled and its exit then refused would leave the position bare. Each exit
   * goes through `exit`, which reads the switch again.
   */
  async flatten(livePlans: readonly Plan[], options: FlattenOptions): Promise<FlattenResult | { readonly kind: 'refused'; readonly refusal: ExecutionRefusal }> {
    const state = await this.deps.killSwitch.read();
    if (state === 'HALT') return { kind: 'refused', refusal: { code: 'kill_switch', state } };
    const { exchange, clock, logger } = this.deps;
    return flattenLivePlans(livePlans, { ...options, exchange, logger, now: clock.now(), exit: (plan, exit, held) => this.exit(plan, exit, held) });
  }

  /** A protective exit for a held position reconciliation found unprotected (see protectPosition). */
  protectPosition(plan: Plan | undefined, request: ProtectionRequest): Promise<ProtectionResult> {
    return protectPosition(this.deps, plan, request);
  }

  /** The fills of a protective market exit just sent, when it has ended. */
  settleMarketExit(exiting: Plan, intent: OrderIntent, sellableFrom: string): Promise<SettledExit | undefined> {
    return settleMarketOrder(this.deps, exiting, intent, sellableFrom);
  }

  /** Cancels an order of ours the ledger does not account for (see cancelOrder). */
  cancelOrder(symbol: string, clientOrderId: string, intent?: OrderIntent): Promise<CancelResult> {
    return cancelOrder(this.deps, symbol, clientOrderId, intent);
  }

  private refuse(plan: Plan, intent: OrderIntent, refusal: ExecutionRefusal): ExecutionResult {
    this.deps.logger.warn({ planId: plan.id, clientOrderId: intent.clientOrderId, code: refusal.code, reason: describeRefusal(refusal) }, 'entry refused before sending');
    return {
      plan: transitionPlan(plan, 'cancelled', this.deps.clock.now()),
      order: orderSummary(intent, { kind: 'refused', refusal }),
    };
  }

  private log(intent: OrderIntent, outcome: SubmissionOutcome): void {
    const fields = { planId: intent.planId, clientOrderId: intent.clientOrderId, leg: intent.leg, outcome: outcome.kind };
    if (outcome.kind === 'acknowledged') this.deps.logger.info(fields, 'order acknowledged');
    else this.deps.logger.warn({ ...fields, reason: outcome.reason }, `order ${outcome.kind}`);
  }
}

/** An order the venue ended without filling it whole: EXPIRED (a market order out of book), CANCELED, or REJECTED (an order its engine did not take). */
function endedShort(order: Order): boolean {
  return order.status === 'expired' || order.status === 'canceled' || order.status === 'rejected';
}
