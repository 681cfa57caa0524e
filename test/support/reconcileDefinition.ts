import { Template } from 'aws-cdk-lib/assertions';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { synthTraderStack } from '../infra/synthTraderStack.js';
import { allStates, fakeLambdaArn, synthesizedDefinition } from './aslDefinition.js';

let synthesized: Promise<StateMachineDefinition> | undefined;

/**
 * The reconciliation state machine's ASL as `cdk synth` writes it, each Task's Resource a
 * fake Lambda ARN named by the state (`…:function:Lock`), for aws-local-stepfunctions with
 * `taskResourceLocalHandlers` keyed by state name. Synthesized once per process (bundling
 * every function makes a synth slow); each call gets its own copy.
 */
export async function reconcileDefinition(): Promise<StateMachineDefinition> {
  synthesized ??= Promise.resolve().then(() => {
    const definition = synthesizedDefinition(Template.fromStack(synthTraderStack()));
    for (const [name, state] of Object.entries(allStates(definition))) if (state.Type === 'Task') state.Resource = fakeLambdaArn(name);
    return definition as unknown as StateMachineDefinition;
  });
  return structuredClone(await synthesized);
}
