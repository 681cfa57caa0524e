import { App, Duration, Stack } from 'aws-cdk-lib';
import { Function as LambdaFunction, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { DefinitionBody, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { RECONCILE_STATE_NAMES, RECONCILE_STEPS, type ReconcileStep } from '../lib/runtime/lambda/reconcile/reconcileSteps.js';
import { type AslDefinition, fakeLambdaArn } from './aslTypes.js';
import { type ReconcileFunctions, RECONCILE_STEP_TIMEOUTS } from './constructs/ReconcileFunctions.js';
import { reconcileDefinition } from './constructs/reconcileDefinition.js';

// As ReconcileStateMachine sets it; test/infra/reconcileAsl.test.ts checks the two agree.
const RECONCILE_TIMEOUT = Duration.minutes(15);

/**
 * The reconciliation state machine's ASL, built by the deployed stack's own
 * `reconcileDefinition` but without bundling any function: each step is an imported
 * function whose ARN's name is its Task state's name (`…:function:Lock`), which is how
 * aws-local-stepfunctions' `taskResourceLocalHandlers` binds a Task to a handler. The
 * deployed definition differs only in those ARNs and its Comment (which names the bot).
 */
export function synthesizeReconcileAsl(): AslDefinition {
  // The deployed stack's synth validates its template; this one is only read for its ASL.
  const app = new App({ builtinCloudFormationValidation: false, treeMetadata: false });
  const stack = new Stack(app, 'ReconcileAsl');
  const scope = new Construct(stack, 'Steps');
  const imported = (step: ReconcileStep): IFunction => LambdaFunction.fromFunctionArn(scope, step, fakeLambdaArn(RECONCILE_STATE_NAMES[step]));
  const functions = Object.fromEntries(RECONCILE_STEPS.map((step) => [step, imported(step)])) as Record<ReconcileStep, IFunction>;
  // reconcileDefinition reads only `functions` and `timeouts` of the construct it is given.
  const steps: ReconcileFunctions = Object.assign(scope, { functions, timeouts: RECONCILE_STEP_TIMEOUTS });
  const machine = new StateMachine(stack, 'StateMachine', {
    definitionBody: DefinitionBody.fromChainable(reconcileDefinition(stack, steps)),
    timeout: RECONCILE_TIMEOUT,
  });
  const template = app.synth().getStackArtifact(stack.artifactId).template as { Resources: Record<string, { Properties: { DefinitionString: unknown } }> };
  const logicalId = stack.getLogicalId(machine.node.defaultChild as never);
  return JSON.parse(definitionText(template.Resources[logicalId]!.Properties.DefinitionString)) as AslDefinition;
}

/** The DefinitionString as text: a string, or an Fn::Join of strings (no reference is left with imported ARNs). */
function definitionText(definitionString: unknown): string {
  if (typeof definitionString === 'string') return definitionString;
  const join = (definitionString as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  const unresolved = join?.[1].filter((part) => typeof part !== 'string') ?? [definitionString];
  if (join === undefined || unresolved.length > 0) throw new Error(`the reconciliation ASL still holds CloudFormation references: ${JSON.stringify(unresolved)}`);
  return join[1].join(join[0]);
}
