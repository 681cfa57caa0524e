import type * as z from 'zod';
import type { BotStatus } from '../../../domain/botState.js';
import type { ReconcileDeps } from './ReconcileDeps.js';
import type { LockStepInputSchema } from './stepSchemas.js';

export interface LockResult {
  readonly locked: boolean;
  readonly lockId: string;
  readonly reason: string;
  /** The bot's status as found (when not locked) or RECONCILING. */
  readonly status: BotStatus;
}

/**
 * Takes the bot: a conditional write to RECONCILING under this execution's name, which stops
 * decisions (their writes are guarded by ACTIVE). A second reconciliation, or a HALTED bot
 * that nobody asked to resume, is not locked: the execution ends cleanly there.
 */
export async function lockStep(deps: Pick<ReconcileDeps, 'botState' | 'clock' | 'logger'>, input: z.output<typeof LockStepInputSchema>): Promise<LockResult> {
  const reason = input.input?.reason ?? 'manual';
  const locked = await deps.botState.lock(deps.clock.now(), { lockId: input.lockId, reason, resumeHalted: input.input?.resumeHalted ?? false });
  if (locked) {
    deps.logger.info({ lockId: input.lockId, reason }, 'reconciliation locked the bot');
    return { locked, lockId: input.lockId, reason, status: 'RECONCILING' };
  }
  const state = await deps.botState.get();
  deps.logger.warn({ lockId: input.lockId, reason, status: state.status, heldBy: state.lockedBy }, 'reconciliation not started: the bot is not free to lock');
  return { locked, lockId: input.lockId, reason, status: state.status };
}
