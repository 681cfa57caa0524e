import type { OrderSummary } from '../../domain/decisionRecord.js';
import type { ExecutionConfig } from '../../domain/config.js';
import type { OrderIntent, SubmissionOutcome } from '../../domain/order.js';
import type { Plan } from '../../domain/plan.js';
import { transitionPlan } from '../../domain/planLifecycle.js';
import type { Clock } from '../../ports/Clock.js';
import type { Exchange } from '../../ports/Exchange.js';
import type { KillSwitch } from '../../ports/KillSwitch.js';
import type { Logger } from '../../ports/Logger.js';
import type { OrderRepository } from '../../ports/repositories.js';
import type { ExitSignal } from '../plans/ExitSignal.js';
import { buildEntryIntent, buildExitIntent } from './buildIntent.js';
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
}

/** Sends entries and exits. Every path reads the kill switch first and writes the intent before the order. */
export class ExecutionService {
  constructor(private readonly deps: ExecutionDeps) {}

  async enter(plan: Plan, lastPrice: number): Promise<ExecutionResult> {
    const now = this.deps.clock.now();
    const intent = buildEntryIntent(plan, now);
    const state = await this.deps.killSwitch.read();
    if (state !== 'RUN') return this.refuse(plan, intent, `kill switch is ${state}`);
    const slippage = checkEntrySlippage(plan.entry, lastPrice, this.deps.config.maxEntrySlippagePct);
    if (!slippage.ok) return this.refuse(plan, intent, `price moved ${slippage.moved} from the planned entry`);

    const entering = transitionPlan(plan, 'entering', now);
    const outcome = await submitIntent(intent, this.deps.exchange, this.deps.orders, entering);
    this.log(intent, outcome);
    if (outcome.kind === 'rejected') return { plan: transitionPlan(entering, 'cancelled', now), order: summary(intent, outcome) };
    // Acknowledged waits for its fill; unknown stays entering until reconciliation settles it.
    return { plan: entering, order: summary(intent, outcome) };
  }

  /** HALT sends nothing, not even an exit; PAUSE_ENTRIES and FLATTEN still manage exits. */
  async exit(plan: Plan, exit: ExitSignal, heldAmount: string): Promise<ExecutionResult> {
    const now = this.deps.clock.now();
    const intent = buildExitIntent(plan, exit, heldAmount, now);
    const state = await this.deps.killSwitch.read();
    if (state === 'HALT') return { plan, order: summary(intent, { kind: 'refused', reason: 'kill switch is HALT' }) };

    const exiting = transitionPlan(plan, 'exiting', now, { exitReason: exit.reason });
    const outcome = await submitIntent(intent, this.deps.exchange, this.deps.orders, exiting);
    this.log(intent, outcome);
    if (outcome.kind === 'rejected') {
      // Back to open with a new attempt number: the next candle checks the exit again.
      return { plan: transitionPlan(exiting, 'open', now, { exitAttempt: plan.exitAttempt + 1 }), order: summary(intent, outcome) };
    }
    return { plan: exiting, order: summary(intent, outcome) };
  }

  private refuse(plan: Plan, intent: OrderIntent, reason: string): ExecutionResult {
    this.deps.logger.warn({ planId: plan.id, clientOrderId: intent.clientOrderId, reason }, 'entry refused before sending');
    return {
      plan: transitionPlan(plan, 'cancelled', this.deps.clock.now()),
      order: summary(intent, { kind: 'refused', reason }),
    };
  }

  private log(intent: OrderIntent, outcome: SubmissionOutcome): void {
    const fields = { planId: intent.planId, clientOrderId: intent.clientOrderId, leg: intent.leg, outcome: outcome.kind };
    if (outcome.kind === 'acknowledged') this.deps.logger.info(fields, 'order acknowledged');
    else this.deps.logger.warn({ ...fields, reason: outcome.reason }, `order ${outcome.kind}`);
  }
}

function summary(intent: OrderIntent, outcome: SubmissionOutcome | { kind: 'refused'; reason: string }): OrderSummary {
  return {
    clientOrderId: intent.clientOrderId,
    planId: intent.planId,
    leg: intent.leg,
    side: intent.side,
    amount: intent.amount,
    outcome: outcome.kind,
    ...(outcome.kind === 'acknowledged' ? {} : { reason: outcome.reason }),
  };
}
