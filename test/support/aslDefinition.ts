import type { Template } from 'aws-cdk-lib/assertions';

/** The parts of Amazon States Language the reconciliation uses, loosely typed for assertions. */
export interface AslState {
  readonly Type: string;
  readonly Next?: string;
  readonly End?: boolean;
  readonly Default?: string;
  readonly Choices?: readonly (Record<string, unknown> & { readonly Next: string })[];
  readonly Catch?: readonly { readonly ErrorEquals: string[]; readonly Next: string; readonly ResultPath?: string | null }[];
  readonly Retry?: readonly { readonly ErrorEquals: string[]; readonly MaxAttempts?: number; readonly IntervalSeconds?: number; readonly BackoffRate?: number }[];
  Resource?: string;
  readonly Parameters?: Record<string, unknown>;
  readonly ResultPath?: string | null;
  readonly ResultSelector?: Record<string, unknown>;
  readonly TimeoutSeconds?: number;
  readonly Branches?: readonly AslStates[];
  readonly ItemProcessor?: AslStates;
  readonly [field: string]: unknown;
}
export interface AslStates {
  readonly StartAt: string;
  readonly States: Record<string, AslState>;
}
export interface AslDefinition extends AslStates {
  readonly TimeoutSeconds?: number;
  readonly Comment?: string;
}

/** A fake but valid Lambda ARN whose function name is the given name. */
export const fakeLambdaArn = (name: string): string => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

/**
 * The state machine's DefinitionString as Step Functions receives it: the template's
 * Fn::Join joined, each function's `Fn::GetAtt [<logical id>, Arn]` a fake ARN named by
 * the logical id.
 */
export function synthesizedDefinition(template: Template): AslDefinition {
  const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  if (machines.length !== 1) throw new Error(`expected one state machine, found ${machines.length}`);
  const definition = (machines[0]!.Properties as { DefinitionString: { 'Fn::Join': [string, unknown[]] } }).DefinitionString['Fn::Join'];
  const text = definition[1]
    .map((part) => {
      if (typeof part === 'string') return part;
      const getAtt = (part as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
      if (getAtt?.[1] !== 'Arn') throw new Error(`unexpected reference in the definition: ${JSON.stringify(part)}`);
      return fakeLambdaArn(getAtt[0]);
    })
    .join(definition[0]);
  return JSON.parse(text) as AslDefinition;
}

/** Every state by name, those inside Parallel branches and Map processors included. */
export function allStates(machine: AslStates): Record<string, AslState> {
  const states: Record<string, AslState> = {};
  for (const [name, state] of Object.entries(machine.States)) {
    states[name] = state;
    for (const nested of [...(state.Branches ?? []), ...(state.ItemProcessor ? [state.ItemProcessor] : [])]) Object.assign(states, allStates(nested));
  }
  return states;
}
