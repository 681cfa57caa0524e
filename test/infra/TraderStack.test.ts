import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_DEFINITIONS, TABLE_IDS } from '../../lib/adapters/dynamodb/tableDefinitions.js';
import type { TraderStack } from '../../cdk/stack.js';
import { synthTraderStack } from './synthTraderStack.js';

let stack: TraderStack;
let template: Template;

beforeAll(() => {
  stack = synthTraderStack();
  template = Template.fromStack(stack);
});

const keySchema = (partition: string, sort?: string) => [
  { AttributeName: partition, KeyType: 'HASH' },
  ...(sort !== undefined ? [{ AttributeName: sort, KeyType: 'RANGE' }] : []),
];

describe('Construct: TraderTables', () => {
  it('creates exactly the defined tables', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', TABLE_IDS.length);
  });

  it.each(TABLE_IDS)('builds the %s table from its definition: keys, indexes, TTL, on demand, PITR, encryption', (tableId) => {
    const definition = TABLE_DEFINITIONS[tableId];
    const logicalId = stack.getLogicalId(stack.tables.tables[tableId].node.defaultChild as never);
    const table = template.findResources('AWS::DynamoDB::Table')[logicalId];

    expect(table?.Properties).toMatchObject({
      KeySchema: keySchema(definition.partitionKey.name, definition.sortKey?.name),
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
    const props = table?.Properties as Record<string, unknown>;
    expect(props.TimeToLiveSpecification).toEqual(
      definition.timeToLiveAttribute !== undefined ? { AttributeName: definition.timeToLiveAttribute, Enabled: true } : undefined,
    );
    const indexes = (props.GlobalSecondaryIndexes ?? []) as { IndexName: string; KeySchema: unknown }[];
    expect(indexes.map((index) => ({ IndexName: index.IndexName, KeySchema: index.KeySchema }))).toEqual(
      definition.indexes.map((index) => ({ IndexName: index.name, KeySchema: keySchema(index.partitionKey.name, index.sortKey?.name) })),
    );
    expect(table?.DeletionPolicy).toBe(definition.holdsLedger ? 'Retain' : 'Delete');
  });
});

describe('Construct: DecisionQueues', () => {
  it('makes the decisions queue FIFO, encrypted, explicitly deduplicated, redriven after 5 receives', () => {
    const dlqId = stack.getLogicalId(stack.queues.deadLetterQueue.node.defaultChild as never);

    template.hasResourceProperties('AWS::SQS::Queue', {
      FifoQueue: true,
      ContentBasedDeduplication: false,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: 5 },
    });
  });

  it('keeps dead letters 14 days in an encrypted FIFO queue', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      FifoQueue: true,
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
  });

  it('holds a message invisible for six decide timeouts', () => {
    const decideTimeout = template.findResources('AWS::Lambda::Function', { Properties: { Description: Match.stringLikeRegexp('^Decides') } });
    const timeout = (Object.values(decideTimeout)[0]?.Properties as { Timeout: number }).Timeout;

    template.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: Match.anyValue(), VisibilityTimeout: timeout * 6 });
  });

  it('refuses plain HTTP on both queues', () => {
    const policies = Object.values(template.findResources('AWS::SQS::QueuePolicy'));

    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      expect(JSON.stringify(policy)).toContain('"aws:SecureTransport":"false"');
    }
  });
});

describe('Construct: TraderFunctions', () => {
  it('runs four functions on arm64 and Node.js 22 or later', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));

    expect(functions).toHaveLength(4);
    for (const fn of functions) {
      const props = fn.Properties as { Architectures: string[]; Runtime: string };
      expect(props.Architectures).toEqual(['arm64']);
      expect(Number(/^nodejs(\d+)\.x$/.exec(props.Runtime)?.[1])).toBeGreaterThanOrEqual(22);
    }
  });

  it('feeds decide from the queue in configured batches with partial-failure reporting', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: 2 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('keeps each function log for one month', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));

    expect(groups).toHaveLength(4);
    for (const group of groups) expect(group.Properties).toMatchObject({ RetentionInDays: 30 });
  });
});

describe('Construct: BotSchedules', () => {
  it.each([
    ['capture', 'rate(1 minute)'],
    ['heartbeat', 'rate(5 minutes)'],
    ['maintenance', 'rate(1 hour)'],
  ])('runs %s on %s without retries', (name, expression) => {
    const fnId = stack.getLogicalId(stack.functions.functions[name as 'capture'].node.defaultChild as never);

    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: expression,
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [fnId, 'Arn'] }, RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 0 }) }),
    });
  });
});

describe('Construct: BotControls and KillSwitchTrigger', () => {
  it('starts the kill switch at RUN and the runtime configuration at the deployed risk and strategy', () => {
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/testbot/kill-switch', Type: 'String', Value: 'RUN' });
    const runtime = Object.values(template.findResources('AWS::SSM::Parameter', { Properties: { Name: '/testbot/runtime-config' } }))[0];
    const value = JSON.parse((runtime?.Properties as { Value: string }).Value) as Record<string, unknown>;

    expect(Object.keys(value).sort()).toEqual(['risk', 'strategy']);
  });

  it('creates the exchange secret with a generated placeholder, no key material', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 32 }),
      SecretString: Match.absent(),
    });
  });

  it('runs heartbeat on every change of the kill switch', () => {
    const heartbeatId = stack.getLogicalId(stack.functions.functions.heartbeat.node.defaultChild as never);
    const parameterId = stack.getLogicalId(stack.controls.killSwitch.node.defaultChild as never);

    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.ssm'],
        'detail-type': ['Parameter Store Change'],
        detail: { name: [{ Ref: parameterId }], operation: ['Create', 'Update'] },
      },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [heartbeatId, 'Arn'] } })],
    });
  });
});

describe('Construct: TraderAlarms', () => {
  it('sends alarms to a KMS-encrypted topic with the configured email subscribed', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
  });

  it('alarms when no candle is decided, counting silence as breaching', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'ServerlessTrader/testbot',
      MetricName: 'Decisions',
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
      Period: 600,
    });
  });

  it.each([
    ['an unprotected position', { Namespace: 'ServerlessTrader/testbot', MetricName: 'UnprotectedPosition' }],
    ['a dead letter', { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible' }],
    ['an old decision message', { Namespace: 'AWS/SQS', MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 600 }],
    ['a decide or capture error', { Namespace: 'AWS/Lambda', MetricName: 'Errors' }],
  ])('alarms on %s', (_case, properties) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { ...properties, AlarmActions: [Match.anyValue()], OKActions: [Match.anyValue()] });
  });

  it('alarms on Lambda throttles and on DynamoDB throttles of every table', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((alarm) => JSON.stringify(alarm));

    expect(alarms.filter((alarm) => alarm.includes('"Throttles"'))).toHaveLength(1);
    expect(alarms.filter((alarm) => alarm.includes('"WriteThrottleEvents"'))).toHaveLength(TABLE_IDS.length);
  });
});

describe('Construct: TraderDashboard', () => {
  it('charts trading activity and the health of functions, queues and tables', () => {
    const dashboard = JSON.stringify(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]);

    for (const title of ['Decisions', 'Orders by outcome', 'Risk rejections', 'Fills', 'Realized PnL', 'Equity', 'Open plans', 'Lambda errors', 'Lambda throttles', 'Oldest decision message', 'Dead letters', 'DynamoDB write throttles']) {
      expect(dashboard).toContain(title);
    }
    expect(dashboard).toContain('ServerlessTrader/testbot');
  });
});
