import { Duration } from 'aws-cdk-lib';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { InvocationType, Trigger } from 'aws-cdk-lib/triggers';
import { Construct } from 'constructs';
import { AFTER_DEPLOY_ENV } from '../../lib/runtime/lambda/reconcile/afterDeployEnv.js';
import { TraderFunction } from './TraderFunction.js';

export interface AfterDeployReconciliationProps {
  readonly botId: string;
  /** The handler file: `functions/reconcile/afterDeploy.ts`. */
  readonly entry: string;
  /** The one ccxt exchange every bundle is built for (this one loads none). */
  readonly ccxtExchangeId: string;
  readonly stateMachine: IStateMachine;
  /** What the deployment is reconciled for (cdk/deployFingerprint.ts); it names the execution. */
  readonly fingerprint: string;
  /** Everything the reconciliation runs on: the trigger waits for all of it. */
  readonly executeAfter: readonly Construct[];
  /** @default 'info' */
  readonly logLevel?: string;
}

/**
 * A CDK trigger that starts the reconciliation after every deployment that changed a
 * function's code or the configuration. The fingerprint is in the trigger function's
 * environment, so such a deployment publishes a new version of it, and a trigger runs again
 * whenever its function's version changes. Its failure fails the deployment (see
 * lib/runtime/lambda/reconcile/afterDeploy.ts for why).
 */
export class AfterDeployReconciliation extends Construct {
  readonly function: TraderFunction;
  readonly trigger: Trigger;

  constructor(scope: Construct, id: string, props: AfterDeployReconciliationProps) {
    super(scope, id);
    this.function = new TraderFunction(this, 'Function', {
      entry: props.entry,
      ccxtExchangeId: props.ccxtExchangeId,
      timeout: Duration.seconds(30),
      description: 'Starts the reconciliation after a deployment that changed code or configuration',
      environment: {
        [AFTER_DEPLOY_ENV.BOT_ID]: props.botId,
        [AFTER_DEPLOY_ENV.RECONCILE_STATE_MACHINE_ARN]: props.stateMachine.stateMachineArn,
        [AFTER_DEPLOY_ENV.DEPLOY_FINGERPRINT]: props.fingerprint,
        [AFTER_DEPLOY_ENV.LOG_LEVEL]: props.logLevel ?? 'info',
      },
    });
    props.stateMachine.grantStartExecution(this.function.function);
    this.trigger = new Trigger(this, 'Trigger', {
      handler: this.function.function,
      invocationType: InvocationType.REQUEST_RESPONSE,
      timeout: Duration.minutes(1),
      // Its own role's grant too: the trigger runs the function once it may start the execution.
      executeAfter: [...props.executeAfter, this.function],
    });
  }
}
