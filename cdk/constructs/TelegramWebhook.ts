import { CfnOutput, Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FunctionUrlAuthType, type FunctionUrl } from 'aws-cdk-lib/aws-lambda';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { LAMBDA_ENV } from '../../lib/runtime/lambda/env.js';
import { NOTIFIER_ENV } from '../../lib/runtime/lambda/notifier/notifierEnv.js';
import { APPEND, READ, grantTables } from './grantTableAccess.js';
import { grantReadNotificationParameter } from './Notifications.js';
import { TraderFunction } from './TraderFunction.js';
import { type TraderFunctionResources, traderFunctionEnvironment } from './traderFunctionEnvironment.js';

export interface TelegramWebhookProps extends TraderFunctionResources {
  /** `functions/telegramWebhook.ts`. */
  readonly entry: string;
  /** The notification SecureString (bot token, webhook secret token), read with decryption. */
  readonly notificationParameter: { readonly name: string; readonly arn: string };
  /** `/reconcile` starts it. */
  readonly reconcileStateMachine: IStateMachine;
}

/**
 * The Telegram webhook: a function behind a Function URL with no AWS auth (Telegram cannot
 * sign requests); Telegram's secret-token header, checked in the function, is the
 * authentication, and the chat allow-list the authorization. It reads the views' tables,
 * writes only telemetry (bot actions, the update ids seen), sets the kill switch, and starts
 * reconciliation.
 */
export class TelegramWebhook extends Construct {
  readonly function: IFunction;
  readonly url: FunctionUrl;

  constructor(scope: Construct, id: string, props: TelegramWebhookProps) {
    super(scope, id);
    const webhook = new TraderFunction(this, 'Function', {
      entry: props.entry,
      ccxtExchangeId: props.config.exchange.id,
      environment: {
        ...traderFunctionEnvironment(props),
        [NOTIFIER_ENV.NOTIFICATION_PARAMETER]: props.notificationParameter.name,
        [LAMBDA_ENV.RECONCILE_STATE_MACHINE_ARN]: props.reconcileStateMachine.stateMachineArn,
      },
      timeout: Duration.seconds(15),
      memorySize: 256,
      description: 'Telegram commands: /status /profit /balance /daily /trades /actions /pause /halt /run /flatten CONFIRM /reconcile',
    });
    this.function = webhook.function;
    grantTables(this.function, props.tables, APPEND, 'telemetry');
    grantTables(this.function, props.tables, READ, 'state', 'plans', 'market');
    props.killSwitch.grantRead(this.function);
    props.killSwitch.grantWrite(this.function);
    props.reconcileStateMachine.grantStartExecution(this.function);
    grantReadNotificationParameter(this.function, props.notificationParameter.arn);
    this.url = this.function.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });
    new CfnOutput(this, 'Url', { value: this.url.url, description: 'setWebhook url for the Telegram bot (with secret_token = webhookSecretToken of the notification parameter)' });
  }
}
