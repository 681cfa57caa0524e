import type * as z from 'zod';
import { UnlockRefusedError } from '../../../domain/errors.js';
import type { ReconcileDeps } from './ReconcileDeps.js';
import type { LockedStepInputSchema } from './stepSchemas.js';

/** RECONCILING → ACTIVE, only under this execution's lock: a bot halted meanwhile stays halted, and that fails the step. */
export async function unlockStep(deps: Pick<ReconcileDeps, 'botState' | 'clock' | 'logger'>, input: z.output<typeof LockedStepInputSchema>): Promise<{ readonly unlocked: true }> {
  if (!(await deps.botState.unlock(deps.clock.now(), input.lockId))) {
    const state = await deps.botState.get();
    throw new UnlockRefusedError(input.lockId, state.status, state.lockedBy);
  }
  deps.logger.info({ lockId: input.lockId }, 'reconciled: the bot is ACTIVE again');
  return { unlocked: true };
}
