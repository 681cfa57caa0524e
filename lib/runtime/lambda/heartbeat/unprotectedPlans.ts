import { botManagedCause } from '../../../domain/botManagedStop.js';
import type { BotStatus } from '../../../domain/botState.js';
import { deriveClientOrderId } from '../../../domain/clientOrderId.js';
import { dec } from '../../../domain/decimal.js';
import type { KillSwitchState } from '../../../domain/killSwitch.js';
import type { Plan } from '../../../domain/plan.js';
import { holdsPosition, pendingClientOrderId } from '../../../services/plans/planOrders.js';

export interface ProtectionContext {
  readonly botStatus: BotStatus;
  readonly killSwitch: KillSwitchState;
  /** `<symbol>#<timeframe>` of each series whose newest candle is fresh (see `isSeriesFresh`). */
  readonly freshSeries: ReadonlySet<string>;
  /** Client order ids the venue lists open; undefined when the venue could not be read. */
  readonly venueOpenIds?: ReadonlySet<string>;
}

/**
 * A plan holding a position (open or exiting, filled amount above zero) is protected when
 * something will close it if the price falls:
 * 1. a stop order of its own rests on the venue (leg `stop`, any attempt so far), or
 * 2. it is exiting and its exit order is open on the venue (it is being closed), or
 * 3. its bot-managed stop is being checked, and is so by choice (`stops: "bot"`) or because the
 *    position is below the market's smallest order, not because the venue refused its stop or
 *    its limit was reached (`botManagedStop`): the plan has a stop level
 *    (`activeStop`, which execution sets when the entry fills, else `stop`), the kill switch
 *    is not HALT (HALT sends no exit), the bot is not HALTED (decisions are skipped;
 *    RECONCILING is brief and counts as running), and the plan's series is fresh, so decide
 *    sees its candles and settles its orders. A stop nobody checks protects nothing.
 * Without a venue read, 1 and 2 cannot be seen and only 3 counts.
 */
export function isUnprotected(plan: Plan, context: ProtectionContext): boolean {
  if (!holdsPosition(plan)) return false;
  const open = context.venueOpenIds;
  if (open) {
    for (let attempt = 0; attempt <= plan.exitAttempt; attempt++) if (open.has(deriveClientOrderId(plan.botId, plan.id, 'stop', attempt))) return false;
    const pending = pendingClientOrderId(plan);
    if (plan.status === 'exiting' && pending !== undefined && open.has(pending)) return false;
  }
  // No stop of its own could rest (refused, or the venue's limit reached): the bot checks it at
  // each candle, but the position is one crash between candles from a loss past its stop, so it
  // counts (and alarms) until a stop rests, which clears `botManagedStop`. A position under the
  // smallest order the market takes is the exception: no stop can ever rest for it and no exit
  // could sell it (it closes as dust at its stop), so an alarm would stand with nothing to do;
  // it is judged as a bot-managed stop by choice.
  if (plan.botManagedStop !== undefined && botManagedCause(plan)?.kind !== 'below_minimum') return true;
  const stopLevel = plan.activeStop ?? plan.stop;
  const checked = context.killSwitch !== 'HALT' && context.botStatus !== 'HALTED' && context.freshSeries.has(`${plan.symbol}#${plan.timeframe}`);
  return !(checked && dec(stopLevel).gt(0));
}

export function unprotectedPlans(livePlans: readonly Plan[], context: ProtectionContext): Plan[] {
  return livePlans.filter((plan) => isUnprotected(plan, context));
}
