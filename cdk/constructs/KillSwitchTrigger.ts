import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IStringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';

export interface KillSwitchTriggerProps {
  readonly killSwitch: IStringParameter;
  /** Runs at once on every change of the parameter (heartbeat). */
  readonly target: IFunction;
}

/** Sends every change of the kill-switch parameter to a function at once, instead of at its next scheduled run. */
export class KillSwitchTrigger extends Construct {
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: KillSwitchTriggerProps) {
    super(scope, id);
    this.rule = new Rule(this, 'Changed', {
      description: 'Kill switch changed: run heartbeat now',
      eventPattern: {
        source: ['aws.ssm'],
        detailType: ['Parameter Store Change'],
        detail: { name: [props.killSwitch.parameterName], operation: ['Create', 'Update'] },
      },
      targets: [new LambdaFunction(props.target, { retryAttempts: 2 })],
    });
  }
}
