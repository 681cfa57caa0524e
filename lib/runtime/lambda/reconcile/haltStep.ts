import type * as z from 'zod';
import { METRIC_NAMES, TRADING_STOPPED } from '../metricNames.js';
import type { ReconcileDeps } from './ReconcileDeps.js';
import { recordReconciliationAction } from './recordReconciliationAction.js';
import type { HaltStepInputSchema } from './stepSchemas.js';

/**
 * Any failure after the lock, or balances the diff cannot trust: the bot goes HALTED with the
 * reason, and stays there until a person starts a reconciliation that resumes it. Reported
 * at once through the TradingStopped metric (2: halted), which has an alarm.
 */
export async function haltStep(deps: Pick<ReconcileDeps, 'botState' | 'clock' | 'logger' | 'metrics' | 'actions'>, input: z.output<typeof HaltStepInputSchema>): Promise<{ readonly halted: true; readonly reason: string }> {
  const reason = haltReason(input);
  await deps.botState.halt(deps.clock.now(), reason);
  deps.metrics.gauge(METRIC_NAMES.tradingStopped, TRADING_STOPPED.halted);
  deps.logger.error({ lockId: input.lock?.lockId, reason }, 'reconciliation halted the bot');
  await recordReconciliationAction(deps, 'reconciliationHalted', { reason, ...(input.lock?.lockId !== undefined ? { lockId: input.lock.lockId } : {}) });
  return { halted: true, reason };
}

function haltReason(input: z.output<typeof HaltStepInputSchema>): string {
  const prefix = 'reconciliation';
  if (input.diff?.halt) return `${prefix}: ${input.diff.halt}`.slice(0, 1000);
  if (input.error) return `${prefix} failed: ${input.error.Error ?? 'error'}: ${causeMessage(input.error.Cause)}`.slice(0, 1000);
  return `${prefix}: repairs did not converge after ${input.diff?.round ?? '?'} rounds`;
}

/** A Lambda error's Cause is its JSON ({ errorType, errorMessage, trace }); Step Functions' own errors are plain text. */
function causeMessage(cause: string | undefined): string {
  if (!cause) return 'no cause given';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    return typeof parsed.errorMessage === 'string' ? parsed.errorMessage : cause;
  } catch {
    return cause;
  }
}
