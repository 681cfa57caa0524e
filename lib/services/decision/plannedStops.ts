import { stopRetry } from '../../domain/botManagedStop.js';
import { dec } from '../../domain/decimal.js';
import type { Plan } from '../../domain/plan.js';

/** A stop to put on the venue: `place` for a position without one, `move` when the trail moved past the resting one. */
export interface PlannedStop {
  readonly plan: Plan;
  readonly action: 'place' | 'move';
}

/** What an open plan's venue stop needs; `free_slot` for a plan waiting on the venue's limit of resting stops. */
export type StopNeed = PlannedStop['action'] | 'free_slot' | undefined;

/**
 * A position without a resting stop gets one, unless its stop is bot-managed for a cause that
 * forbids it (see stopRetry: a stop the venue refused is not sent again at its level); one
 * whose trail left the resting stop behind has it moved.
 */
export function stopNeed(plan: Plan): StopNeed {
  if (plan.restingStop === undefined) {
    if (!dec(plan.filledAmount ?? '0').gt(0)) return undefined;
    switch (stopRetry(plan)) {
      case undefined:
      case 'now':
        return 'place';
      case 'when_slot_free':
        return 'free_slot';
      case 'never':
        return undefined;
    }
  }
  // The stop rests at the text of the stop it was placed for: the same text, the same stop (most candles), without parsing.
  const stop = plan.activeStop ?? plan.stop;
  if (plan.restingStop.stopPrice === stop) return undefined;
  return dec(plan.restingStop.stopPrice).eq(stop) ? undefined : 'move';
}

/**
 * The stops one candle asks for, in the order execution sends them: moves first (each keeps
 * the slot it has), then places, oldest plan first (created, then id), so the venue's free
 * slots go the same way whatever order the ledger lists its plans in. Plans waiting on the
 * venue's limit join only when fewer than `limit` stops of the bot rest on the symbol
 * (`resting`, not counting plans exiting on this candle, whose stops are cancelled first);
 * execution counts again as it places and never goes over the limit. While no slot is free
 * a waiting plan asks for nothing, and its candles stay quiet.
 */
export function plannedStops(needed: readonly PlannedStop[], waiting: readonly Plan[] | undefined, resting: number, limit: number): PlannedStop[] | undefined {
  const places: PlannedStop[] = needed.filter((s) => s.action === 'place');
  if (waiting !== undefined && resting < limit) for (const plan of waiting) places.push({ plan, action: 'place' });
  const moves = places.length === needed.length ? [] : needed.filter((s) => s.action === 'move');
  if (places.length + moves.length === 0) return undefined;
  if (places.length > 1) places.sort((a, b) => oldestFirst(a.plan, b.plan));
  return moves.length === 0 ? places : [...moves, ...places];
}

function oldestFirst(a: Plan, b: Plan): number {
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
