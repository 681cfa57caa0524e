import { reconcileStateMachineName } from '../parameterNames.js';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { reconcileDefinition } from './reconcileDefinition.js';
import { ReconcileFunctions, type ReconcileFunctionsProps } from './ReconcileFunctions.js';

export type ReconcileStateMachineProps = ReconcileFunctionsProps;

/**
 * Reconciliation as a standard Step Functions workflow (DESIGN.md, "Reconciliation"): its
 * step functions, the state machine, and a log group of its own that receives every event
 * with its data, so a halt can be read back: executions are rare, so this costs little.
 * The log group has CloudWatch's own encryption at rest; a KMS key would cost more a month
 * than these logs.
 */
export class ReconcileStateMachine extends Construct {
  readonly steps: ReconcileFunctions;
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ReconcileStateMachineProps) {
    super(scope, id);
    this.steps = new ReconcileFunctions(this, 'Steps', props);
    this.logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: reconcileStateMachineName(props.config.botId),
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(reconcileDefinition(this, this.steps)),
      timeout: Duration.minutes(15),
      comment: `${props.config.botId}: reconcile the ledger with the exchange; halt the bot when they cannot agree`,
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: true },
    });
    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-SF2',
      reason: 'No X-Ray: every step logs to its own log group and every state transition is logged with its data; tracing would add a role statement on every resource for no finding the logs miss.',
    });
    this.acknowledgeRolePolicy();
  }

  /** The state machine role's wildcards that CDK writes and the services require. */
  private acknowledgeRolePolicy(): void {
    const policy = this.stateMachine.role.node.tryFindChild('DefaultPolicy');
    if (policy === undefined) return;
    const stack = Stack.of(this);
    for (const fn of Object.values(this.steps.functions)) {
      const functionId = stack.getLogicalId(fn.node.defaultChild as never);
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
        reason: 'lambda:InvokeFunction on the versions and aliases of one step function, as the LambdaInvoke task grants it; no other function.',
      });
    }
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Step Functions logging needs the CloudWatch Logs delivery actions (logs:CreateLogDelivery and the like), which support no resource-level permission.',
    });
  }
}
