import { fileURLToPath } from 'node:url';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { OwnerSecureString } from '../../cdk/constructs/OwnerSecureString.js';
import { AlarmTopic } from '../../cdk/constructs/AlarmTopic.js';
import { NOTIFIER_STREAMS, Notifications } from '../../cdk/constructs/Notifications.js';
import { TelegramWebhook } from '../../cdk/constructs/TelegramWebhook.js';
import { TraderTables } from '../../cdk/constructs/TraderTables.js';
import { BotConfigSchema } from '../../lib/domain/botConfig.js';
import { asList, type Statement } from './rolePolicies.js';
import { TEST_CONFIG } from './synthTraderStack.js';

const FIXTURE_HANDLER = fileURLToPath(new URL('./fixtures/handler.ts', import.meta.url));
let stack: Stack;
let notifications: Notifications;
let webhook: TelegramWebhook;
let template: Template;

/** The construct alone, beside the tables and topic it reads: one function to bundle, not the whole bot's. */
beforeAll(() => {
  stack = new Stack(new App(), 'NotifyTrader', { env: { account: '123456789012', region: 'eu-west-1' } });
  const config = BotConfigSchema.parse({ ...TEST_CONFIG, notifications: { email: 'owner@example.com', allowedChatIds: [42] } });
  const { tables } = new TraderTables(stack, 'Tables', { streams: NOTIFIER_STREAMS });
  const resources = {
    config,
    tables,
    decisionQueue: Queue.fromQueueArn(stack, 'Queue', 'arn:aws:sqs:eu-west-1:123456789012:testbot-decisions.fifo'),
    killSwitch: StringParameter.fromStringParameterName(stack, 'KillSwitch', '/testbot/kill-switch'),
    runtimeConfig: StringParameter.fromStringParameterName(stack, 'RuntimeConfig', '/testbot/runtime-config'),
    exchangeCredentials: new OwnerSecureString(stack, '/testbot/exchange-credentials'),
  };
  notifications = new Notifications(stack, 'Notifications', {
    ...resources,
    settings: config.notifications!,
    entry: FIXTURE_HANDLER,
    telemetry: tables.telemetry,
    plans: tables.plans,
    alarmTopic: new AlarmTopic(stack, 'Alarms').topic,
  });
  webhook = new TelegramWebhook(stack, 'TelegramWebhook', {
    ...resources,
    entry: FIXTURE_HANDLER,
    notificationParameter: { name: notifications.parameterName, arn: notifications.parameterArn },
    reconcileStateMachine: StateMachine.fromStateMachineArn(stack, 'Reconcile', 'arn:aws:states:eu-west-1:123456789012:stateMachine:testbot-reconcile'),
  });
  template = Template.fromStack(stack);
});

const logicalIdOf = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);
const policies = () => Object.values(template.findResources('AWS::IAM::Policy')) as { Properties: { PolicyDocument: { Statement: Statement[] }; Roles: { Ref: string }[] } }[];
const statementsOf = (fn: typeof notifications.function): Statement[] => {
  const roleId = logicalIdOf(fn.role as never);
  return policies().filter((p) => p.Properties.Roles.some((r) => r.Ref === roleId)).flatMap((p) => p.Properties.PolicyDocument.Statement);
};
const notifierStatements = () => statementsOf(notifications.function);
const PARAMETER_ARN = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ssm:eu-west-1:123456789012:parameter/testbot/notifications']] };

describe('Construct: Notifications', () => {
  it('streams the telemetry table with old and new images and the plans table with new ones, and no other table', () => {
    const tables = Object.values(template.findResources('AWS::DynamoDB::Table')).map((table) => (table.Properties as { StreamSpecification?: { StreamViewType: string } }).StreamSpecification?.StreamViewType);
    expect(tables.filter(Boolean).sort()).toEqual(['NEW_AND_OLD_IMAGES', 'NEW_IMAGE']);
  });

  it('invokes the notifier only for what it tells: decisions, actions, daily roll-ups and closed plans, never a TTL deletion', () => {
    const filters = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).flatMap((mapping) => ((mapping.Properties as { FilterCriteria?: { Filters: { Pattern: string }[] } }).FilterCriteria?.Filters ?? []).map((f) => JSON.parse(f.Pattern) as unknown));
    expect(filters).toEqual(
      expect.arrayContaining([
        { eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { kind: { S: ['decision', 'action', 'dailyStats'] } } } },
        { eventName: ['INSERT'], dynamodb: { NewImage: { status: { S: ['closed'] } } } },
      ]),
    );
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { MaximumBatchingWindowInSeconds: 60, BisectBatchOnFunctionError: true, MaximumRetryAttempts: 2 });
  });

  it("subscribes the notifier to every alarm but its own, which goes to email only", () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda', FilterPolicyScope: 'MessageBody', FilterPolicy: { AlarmName: [{ 'anything-but': ['testbot-NotificationFailures'] }] } });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'testbot-NotificationFailures', MetricName: 'NotificationFailures', Threshold: 1 });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'owner@example.com' });
  });

  it('keeps the tokens in the SSM SecureString /testbot/notifications (no Secrets Manager secret), read by the notifier and the webhook alone', () => {
    expect(template.findResources('AWS::SecretsManager::Secret')).toEqual({});
    const readers = policies().filter((policy) => JSON.stringify(policy.Properties.PolicyDocument).includes('parameter/testbot/notifications'));
    expect(readers).toHaveLength(2);
    for (const fn of [notifications.function, webhook.function]) {
      expect(statementsOf(fn).filter((s) => JSON.stringify(s.Resource).includes('parameter/testbot/notifications'))).toEqual([{ Effect: 'Allow', Action: 'ssm:GetParameter', Resource: PARAMETER_ARN }]);
    }
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ NOTIFICATION_PARAMETER: '/testbot/notifications' }) } });
  });

  it('grants the notifier no wildcard action, no table access beyond its two streams, and nothing on the ledger', () => {
    const statements = notifierStatements();
    const actions = statements.flatMap((s) => asList(s.Action));
    for (const action of actions) expect(action).not.toMatch(/(^\*$)|(:\*$)/);
    expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual(['dynamodb:DescribeStream', 'dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams']);
    const wildcard = statements.filter((s) => asList(s.Resource).includes('*'));
    expect(wildcard.flatMap((s) => asList(s.Action))).toEqual(['dynamodb:ListStreams']);
    expect(statements.filter((s) => asList(s.Action).some((a) => a.startsWith('kms:'))).flatMap((s) => asList(s.Action))).toEqual(['kms:GenerateDataKey', 'kms:Decrypt']);
  });

  it('passes cdk-nag AwsSolutions with every finding acknowledged with a reason', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
    expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    const acknowledged = notifications.node.findAll().flatMap((c) => c.node.metadata.filter((e) => e.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)).flatMap((e) => Object.entries(e.data as Record<string, string>));
    expect(acknowledged.map(([rule]) => rule).sort()).toEqual(['Annotation::AwsSolutions-IAM5[Resource::*]']);
  });
});

describe('Construct: TelegramWebhook', () => {
  it('serves the webhook from a Function URL without AWS auth: the function checks Telegram\'s secret token', () => {
    template.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'NONE', TargetFunctionArn: { 'Fn::GetAtt': [logicalIdOf(webhook.function), 'Arn'] } });
    template.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunctionUrl', FunctionUrlAuthType: 'NONE', Principal: '*' });
  });

  it('grants no wildcard action: telemetry writes only, the kill switch, and StartExecution of reconciliation', () => {
    const statements = statementsOf(webhook.function);
    const actions = statements.flatMap((s) => asList(s.Action));
    for (const action of actions) expect(action).not.toMatch(/(^\*$)|(:\*$)/);
    expect(statements.filter((s) => asList(s.Resource).includes('*'))).toEqual([]);
    const writes = statements.filter((s) => asList(s.Action).some((a) => /dynamodb:(Put|Update|Delete|BatchWrite)/.test(a)));
    expect(writes).toHaveLength(1);
    expect(JSON.stringify(writes[0]!.Resource)).toMatch(/"Tablestelemetry[0-9A-F]{8}"/);
    expect(actions.filter((a) => /dynamodb:(Put|Update|Delete|BatchWrite)/.test(a)).sort()).toEqual(['dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(statements.filter((s) => asList(s.Action).includes('ssm:PutParameter')).map((s) => JSON.stringify(s.Resource))).toEqual([expect.stringContaining('parameter/testbot/kill-switch')]);
    expect(statements.filter((s) => asList(s.Action).includes('states:StartExecution')).map((s) => s.Resource)).toEqual(['arn:aws:states:eu-west-1:123456789012:stateMachine:testbot-reconcile']);
  });
});
