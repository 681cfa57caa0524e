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

/** Every state by name, those inside Parallel branches and Map processors included. */
export function allStates(machine: AslStates): Record<string, AslState> {
  const states: Record<string, AslState> = {};
  for (const [name, state] of Object.entries(machine.States)) {
    states[name] = state;
    for (const nested of [...(state.Branches ?? []), ...(state.ItemProcessor ? [state.ItemProcessor] : [])]) Object.assign(states, allStates(nested));
  }
  return states;
}
