import { fileURLToPath } from 'node:url';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { AlarmTopic } from '../../cdk/constructs/AlarmTopic.js';
import { NOTIFIER_STREAMS, Notifications } from '../../cdk/constructs/Notifications.js';
import { TraderTables } from '../../cdk/constructs/TraderTables.js';
import { BotConfigSchema } from '../../lib/domain/botConfig.js';
import { asList, type Statement } from './rolePolicies.js';
import { TEST_CONFIG } from './synthTraderStack.js';

const FIXTURE_HANDLER = fileURLToPath(new URL('./fixtures/handler.ts', import.meta.url));
let stack: Stack;
let notifications: Notifications;
let template: Template;

/** The construct alone, beside the tables and topic it reads: one function to bundle, not the whole bot's. */
beforeAll(() => {
  stack = new Stack(new App(), 'NotifyTrader', { env: { account: '123456789012', region: 'eu-west-1' } });
  const config = BotConfigSchema.parse({ ...TEST_CONFIG, notifications: { email: 'owner@example.com', allowedChatIds: [42] } });
  const { tables } = new TraderTables(stack, 'Tables', { streams: NOTIFIER_STREAMS });
  notifications = new Notifications(stack, 'Notifications', {
    config,
    tables,
    decisionQueue: Queue.fromQueueArn(stack, 'Queue', 'arn:aws:sqs:eu-west-1:123456789012:testbot-decisions.fifo'),
    killSwitch: StringParameter.fromStringParameterName(stack, 'KillSwitch', '/testbot/kill-switch'),
    runtimeConfig: StringParameter.fromStringParameterName(stack, 'RuntimeConfig', '/testbot/runtime-config'),
    exchangeSecret: Secret.fromSecretNameV2(stack, 'ExchangeSecret', '/testbot/exchange-api-key'),
    settings: config.notifications!,
    entry: FIXTURE_HANDLER,
    telemetry: tables.telemetry,
    plans: tables.plans,
    alarmTopic: new AlarmTopic(stack, 'Alarms').topic,
  });
  template = Template.fromStack(stack);
});

const logicalIdOf = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);
const policies = () => Object.values(template.findResources('AWS::IAM::Policy')) as { Properties: { PolicyDocument: { Statement: Statement[] }; Roles: { Ref: string }[] } }[];
const notifierStatements = (): Statement[] => {
  const roleId = logicalIdOf(notifications.function.role as never);
  return policies().filter((p) => p.Properties.Roles.some((r) => r.Ref === roleId)).flatMap((p) => p.Properties.PolicyDocument.Statement);
};

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

  it('keeps the tokens in a secret created without a value, read by the notifier alone', () => {
    const secretId = logicalIdOf(notifications.secret);
    template.hasResourceProperties('AWS::SecretsManager::Secret', { Name: '/testbot/notifications', SecretString: Match.absent() });
    const readers = policies().filter((policy) => JSON.stringify(policy.Properties.PolicyDocument).includes(`"${secretId}"`));
    expect(readers).toHaveLength(1);
    expect(notifierStatements().filter((s) => JSON.stringify(s.Resource).includes(secretId)).flatMap((s) => asList(s.Action))).toEqual(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']);
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
    expect(acknowledged.map(([rule]) => rule).sort()).toEqual(['Annotation::AwsSolutions-IAM5[Resource::*]', 'Annotation::AwsSolutions-SMG4']);
  });
});
