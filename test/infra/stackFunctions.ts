import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { FunctionName } from '../../cdk/constructs/TraderFunctions.js';
import type { ReconcileFunctionName } from '../../cdk/functionEntries.js';
import type { TraderStack } from '../../cdk/stack.js';

/** Every function the stack deploys from functions/, by its entry's name (CDK's trigger provider is not one). */
export function stackFunctions(stack: TraderStack): Readonly<Record<FunctionName | ReconcileFunctionName, IFunction>> {
  return { ...stack.functions.functions, ...stack.reconciliation.steps.functions, afterDeploy: stack.afterDeploy.function.function };
}

/** A construct's CloudFormation logical id. */
export const logicalIdOf = (stack: TraderStack, construct: { node: { defaultChild?: unknown } }): string => stack.getLogicalId(construct.node.defaultChild as never);
