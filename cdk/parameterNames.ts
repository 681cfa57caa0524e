/**
 * The names of the bot's SSM parameters, shared by the stack that creates them and the
 * scripts an operator runs against them (scripts/killSwitch.ts). No CDK import here, so a
 * script loads it without loading aws-cdk-lib.
 */
export const killSwitchParameterName = (botId: string): string => `/${botId}/kill-switch`;
export const runtimeConfigParameterName = (botId: string): string => `/${botId}/runtime-config`;
/** The reconciliation state machine's name: the stack names it so, `npm run reconcile` finds it so. */
export const reconcileStateMachineName = (botId: string): string => `${botId}-reconcile`;
/**
 * The notification channels' tokens (Telegram bot token, chat id, webhook secret token; Discord
 * and Slack webhook addresses) as JSON in an SSM SecureString, which the owner creates:
 * CloudFormation cannot create a SecureString.
 */
export const notificationParameterName = (botId: string): string => `/${botId}/notifications`;
/** The optimizer's state machine, when the stack deploys one (context flag `optimizer`). */
export const optimizerStateMachineName = (botId: string): string => `${botId}-optimizer`;
/** JSON `{ "stateMachineArn": …, "bucket": … }`: where `npm run optimize -- --aws` finds the deployed Optimizer. */
export const optimizerParameterName = (botId: string): string => `/${botId}/optimizer`;
/**
 * The exchange API key `{"apiKey": …, "secret": …}` as an SSM SecureString (standard tier, the
 * AWS-managed key aws/ssm: no monthly cost), which the owner puts: CloudFormation cannot create one.
 */
export const exchangeCredentialsParameterName = (botId: string): string => `/${botId}/exchange-credentials`;
