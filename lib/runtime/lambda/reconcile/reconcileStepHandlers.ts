import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddyfiedHandler } from '@middy/core';
import type * as z from 'zod';
import { parseWith } from '../../../domain/validation.js';
import type { LambdaRuntime } from '../LambdaRuntime.js';
import { applyRepairStep } from './applyRepairStep.js';
import { diffStep } from './diffStep.js';
import { haltStep } from './haltStep.js';
import { lockStep } from './lockStep.js';
import { readExchange } from './readExchange.js';
import { readLedger } from './readLedger.js';
import { createReconcileDeps } from './ReconcileDeps.js';
import { RECONCILE_STATE_NAMES, type ReconcileStep } from './reconcileSteps.js';
import {
  ApplyRepairStepInputSchema,
  DiffStepInputSchema,
  HaltStepInputSchema,
  LockStepInputSchema,
  LockedStepInputSchema,
  VerifyStepInputSchema,
} from './stepSchemas.js';
import { unlockStep } from './unlockStep.js';
import { verifyStep } from './verifyStep.js';

export type StepHandler = (event: unknown) => Promise<unknown>;

/**
 * Every step of the reconciliation state machine over one runtime: each validates its payload
 * (a bad one fails the step, which halts the bot) and runs. functions/reconcile/<step>.ts
 * exports one of these; tests bind them all to the synthesized state machine.
 */
export function reconcileStepHandlers(runtime: LambdaRuntime): Readonly<Record<ReconcileStep, StepHandler>> {
  const deps = createReconcileDeps(runtime);
  const parsed = <S extends z.ZodType>(step: ReconcileStep, schema: S, run: (input: z.output<S>) => unknown): StepHandler => {
    return (event) => Promise.resolve().then(() => run(parseWith(schema, event, `${RECONCILE_STATE_NAMES[step]} input`)));
  };
  return {
    lock: parsed('lock', LockStepInputSchema, (input) => lockStep(deps, input)),
    ledgerSnapshot: parsed('ledgerSnapshot', LockedStepInputSchema, () => readLedger(deps)),
    // The venue is asked about what the ledger waits on, so this branch reads the ledger too:
    // the Parallel's branches cannot see each other's results, and the locked ledger does not move.
    exchangeSnapshot: parsed('exchangeSnapshot', LockedStepInputSchema, async () => readExchange(deps, await readLedger(deps))),
    diff: parsed('diff', DiffStepInputSchema, (input) => diffStep(deps, input)),
    applyRepair: parsed('applyRepair', ApplyRepairStepInputSchema, (input) => applyRepairStep(deps, input)),
    verify: parsed('verify', VerifyStepInputSchema, (input) => verifyStep(deps, input)),
    unlock: parsed('unlock', LockedStepInputSchema, (input) => unlockStep(deps, input)),
    halt: parsed('halt', HaltStepInputSchema, (input) => haltStep(deps, input)),
  };
}

/** The Lambda handler of one step: metrics flushed by Powertools' middleware and pending writes awaited, as in the other functions. */
export function reconcileLambdaHandler(runtime: LambdaRuntime, step: ReconcileStep): MiddyfiedHandler<unknown, unknown> {
  return middy<unknown, unknown>().use(logMetrics(runtime.powertoolsMetrics)).use(runtime.pendingWrites.middleware()).handler(reconcileStepHandlers(runtime)[step]);
}
