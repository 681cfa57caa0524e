import type { ExitReason, Plan } from '../../domain/plan.js';

/** An open plan that must close now, and the order that closes it. */
export interface ExitSignal {
  readonly planId: string;
  readonly reason: ExitReason;
  /** The trigger price, a decimal string: the stop, the target, or the rounded close. */
  readonly price: string;
  readonly orderType: 'stop_market' | 'limit' | 'market';
}

/** A plan after one candle: the same object when nothing changed, and its exit when it must close. */
export interface PlanCheck {
  readonly plan: Plan;
  readonly exit?: ExitSignal;
}
