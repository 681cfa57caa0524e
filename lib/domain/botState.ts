import * as z from 'zod';

/** ACTIVE trades; RECONCILING (reconciliation holds the lock) and HALTED send no orders. */
export const BOT_STATUSES = ['ACTIVE', 'RECONCILING', 'HALTED'] as const;
export type BotStatus = (typeof BOT_STATUSES)[number];

/**
 * The bot's trading state. `ledgerVersion` goes up with every change to the live plans,
 * so a decision made on a snapshot can commit only if nothing moved underneath it.
 */
export interface BotState {
  readonly status: BotStatus;
  readonly ledgerVersion: number;
  readonly updatedAt: number;
  readonly reason?: string;
  /** The reconciliation holding the lock (its execution name) while RECONCILING. */
  readonly lockedBy?: string;
}

export const BotStateSchema = z.strictObject({
  status: z.enum(BOT_STATUSES),
  ledgerVersion: z.number().int().min(0),
  updatedAt: z.number().int().min(0),
  reason: z.string().optional(),
  lockedBy: z.string().min(1).optional(),
}) satisfies z.ZodType<BotState>;

/** A bot nobody has written a state for yet: active, nothing recorded. */
export const FRESH_BOT_STATE: BotState = Object.freeze({ status: 'ACTIVE', ledgerVersion: 0, updatedAt: 0 });

/**
 * The state in the one shape every bot state has, with `changes` made: each field written,
 * in this order, an absent one undefined. Every decision reads the snapshot's state; states
 * of several shapes (spread from a frozen one, with a reason or without) made that read
 * megamorphic.
 */
export function botState(state: BotState, changes: Partial<BotState> = {}): BotState {
  return {
    status: changes.status ?? state.status,
    ledgerVersion: changes.ledgerVersion ?? state.ledgerVersion,
    updatedAt: changes.updatedAt ?? state.updatedAt,
    reason: 'reason' in changes ? changes.reason : state.reason,
    lockedBy: 'lockedBy' in changes ? changes.lockedBy : state.lockedBy,
  };
}
