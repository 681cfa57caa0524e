import { dec } from './decimal.js';
import type { Plan } from './plan.js';

/**
 * Why a plan's stop is checked by the bot although stops are `exchange`, with the figures
 * that caused it; the plan's `botManagedStop` says the same in words. What decide may do next
 * turns on it, and a stop the venue refused is never simply sent again:
 * - `stop_limit`: `resting` stops of the bot rested on the symbol, the venue's `limit`. The bot
 *   counted them and sent nothing, so the stop is placed as soon as fewer rest.
 * - `refused`: the venue refused the stop at `stopPrice`. Never sent again at that level.
 * - `below_minimum`: the position `held` is under `minAmount`, the least the market takes in
 *   one order at the stop (smallestSellable): no stop can rest while it holds that. At its
 *   stop the plan closes as dust (ExecutionService.exit).
 */
export type BotManagedCause =
  | { readonly kind: 'stop_limit'; readonly resting: number; readonly limit: number }
  /** `stopPrice` is absent only when read from a plan written before causes were kept: its level is unknown. */
  | { readonly kind: 'refused'; readonly stopPrice?: string }
  | { readonly kind: 'below_minimum'; readonly held: string; readonly minAmount: string };

/** When a bot-managed plan's stop may go to the venue: once a slot is free, now (at a level never refused), or not at all. */
export type StopRetry = 'when_slot_free' | 'now' | 'never';

export function botManagedCause(plan: Plan): BotManagedCause | undefined {
  if (plan.botManagedStop === undefined) return undefined;
  return plan.botManagedCause ?? causeInWords(plan.botManagedStop);
}

/** Undefined when the plan's stop is not bot-managed. */
export function stopRetry(plan: Plan): StopRetry | undefined {
  const cause = botManagedCause(plan);
  if (cause === undefined) return undefined;
  switch (cause.kind) {
    case 'stop_limit':
      return 'when_slot_free';
    case 'below_minimum':
      return 'never';
    case 'refused': {
      // The venue judged that order, at that price. Once the trail has moved the stop, a stop at
      // the new level is another order, judged afresh (an account's algo-order count may have
      // fallen, a price filter may pass it nearer the market): it is tried once, and a refusal
      // records its level in turn. The trail moves at most once a candle, so a venue that
      // refuses every stop sees one request a candle at most, never a loop.
      if (cause.stopPrice === undefined) return 'never';
      const stop = plan.activeStop ?? plan.stop;
      return cause.stopPrice === stop || dec(cause.stopPrice).eq(stop) ? 'never' : 'now';
    }
  }
}

/**
 * A plan written before causes were kept carries `botManagedStop` alone. Besides a refusal,
 * that text took two fixed forms (placeRestingStop's), read here as they were written; any
 * other text was a refusal, at a level not recorded, so it is never sent again, as before.
 * A plan left at the venue's limit then gets its stop once a slot frees, stored before or not.
 */
function causeInWords(reason: string): BotManagedCause {
  const atLimit = /^(\d+) stops already rest on \S+, the venue's limit$/.exec(reason);
  if (atLimit) return { kind: 'stop_limit', resting: Number(atLimit[1]), limit: Number(atLimit[1]) };
  const small = /^holds (\S+), under the market's minimum order (\S+)$/.exec(reason);
  if (small?.[1] !== undefined && small[2] !== undefined) return { kind: 'below_minimum', held: small[1], minAmount: small[2] };
  return { kind: 'refused' };
}
