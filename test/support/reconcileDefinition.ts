import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { synthesizeReconcileAsl } from '../../cdk/reconcileAsl.js';

let synthesized: StateMachineDefinition | undefined;

/**
 * The reconciliation state machine's ASL, each Task's Resource a fake Lambda ARN named by
 * the state (`…:function:Lock`), for aws-local-stepfunctions with `taskResourceLocalHandlers`
 * keyed by state name. test/infra/reconcileAsl.test.ts checks it is the deployed stack's.
 * Synthesized once per process; each call gets its own copy.
 */
export function reconcileDefinition(): Promise<StateMachineDefinition> {
  synthesized ??= synthesizeReconcileAsl() as unknown as StateMachineDefinition;
  return Promise.resolve(structuredClone(synthesized));
}
