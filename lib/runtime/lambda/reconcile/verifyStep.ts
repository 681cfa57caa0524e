import type * as z from 'zod';
import { type DiffResult, diffRound } from './diffStep.js';
import { readExchange } from './readExchange.js';
import { readLedger } from './readLedger.js';
import type { ReconcileDeps } from './ReconcileDeps.js';
import type { VerifyStepInputSchema } from './stepSchemas.js';

/**
 * After the repairs: both snapshots again and the same diff, one round on. Clean means
 * reconciled; anything left goes round again, up to the state machine's limit.
 */
export async function verifyStep(deps: ReconcileDeps, input: z.output<typeof VerifyStepInputSchema>): Promise<DiffResult> {
  const ledger = await readLedger(deps);
  const exchange = await readExchange(deps, ledger);
  return diffRound(deps.config, deps.clock.now(), input.round + 1, exchange, ledger, deps.logger);
}
