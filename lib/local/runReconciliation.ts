import './promiseWithResolvers.js';
import { ExecutionError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { RECONCILE_STATE_NAMES, RECONCILE_STEPS, type ReconcileExecutionInput, type ReconcileStep } from '../runtime/lambda/reconcile/reconcileSteps.js';
import type { StepHandler } from '../runtime/lambda/reconcile/reconcileStepHandlers.js';

export interface ReconciliationRun {
  readonly status: 'SUCCEEDED' | 'FAILED';
  /** The execution's final state (succeeded runs). */
  readonly output?: unknown;
  /** Why it failed (failed runs). */
  readonly error?: string;
  /** The Task states run, in order. */
  readonly tasks: readonly string[];
}

export interface RunReconciliationOptions {
  /** The execution name: the lock holder's id. */
  readonly name: string;
  readonly input: ReconcileExecutionInput;
  readonly startedAt: number;
}

/**
 * Runs the reconciliation state machine's ASL (as `cdk synth` writes it) on this machine with
 * aws-local-stepfunctions, each Task state bound to a step handler by its state name. Retry
 * pauses are skipped; everything else (choices, the Map, catches) runs as Step Functions runs it.
 */
export async function runReconciliation(definition: StateMachineDefinition, handlers: Readonly<Record<ReconcileStep, StepHandler>>, options: RunReconciliationOptions): Promise<ReconciliationRun> {
  const tasks: string[] = [];
  const taskResourceLocalHandlers = Object.fromEntries(
    RECONCILE_STEPS.map((step) => {
      const state = RECONCILE_STATE_NAMES[step];
      const handler = async (input: unknown) => {
        tasks.push(state);
        return (await handlers[step](input)) as never;
      };
      return [state, handler];
    }),
  );
  const retryIntervalOverrides = Object.fromEntries(Object.values(RECONCILE_STATE_NAMES).map((state) => [state, 0]));
  const executionArn = `arn:aws:states:local:000000000000:execution:reconcile:${options.name}`;
  const execution = new StateMachine(definition).run(options.input as Record<string, never>, {
    overrides: { taskResourceLocalHandlers, retryIntervalOverrides },
    context: {
      Execution: { Id: executionArn, Name: options.name, Input: options.input as Record<string, never>, StartTime: new Date(options.startedAt).toISOString(), RoleArn: 'arn:aws:iam::000000000000:role/local' },
      StateMachine: { Id: 'arn:aws:states:local:000000000000:stateMachine:reconcile', Name: 'reconcile' },
    },
  });
  try {
    return { status: 'SUCCEEDED', output: await execution.result, tasks };
  } catch (error) {
    if (!(error instanceof ExecutionError)) throw error;
    return { status: 'FAILED', error: error.message, tasks };
  }
}
