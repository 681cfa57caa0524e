import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_DEFINITIONS, TABLE_IDS } from '../../lib/adapters/dynamodb/tableDefinitions.js';
import type { FunctionName } from '../../cdk/constructs/TraderFunctions.js';
import type { TraderStack } from '../../cdk/stack.js';
import { stackFunctions } from './stackFunctions.js';
import { synthTraderStack } from './synthTraderStack.js';

let stack: TraderStack;
let template: Template;

beforeAll(() => {
  stack = synthTraderStack();
  template = Template.fromStack(stack);
});

const FUNCTION_NAMES = ['capture', 'decide', 'heartbeat', 'maintenance'] as const;

function functionProperties(name: FunctionName): Record<string, unknown> {
  const id = stack.getLogicalId(stack.functions.functions[name].node.defaultChild as never);
  return template.findResources('AWS::Lambda::Function')[id]?.Properties as Record<string, unknown>;
}

const keySchema = (partition: string, sort?: string) => [
  { AttributeName: partition, KeyType: 'HASH' },
  ...(sort !== undefined ? [{ AttributeName: sort, KeyType: 'RANGE' }] : []),
];

describe('Stack: optional parts', () => {
  it('deploys no Optimizer (no bucket, one state machine) unless the optimizer flag is on', () => {
    expect(stack.optimizer).toBeUndefined();
    template.resourceCountIs('AWS::S3::Bucket', 0);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
  });
});

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
    expect(table?.UpdateReplacePolicy).toBe(definition.holdsLedger ? 'Retain' : 'Delete');
    expect(props.DeletionProtectionEnabled).toBe(definition.holdsLedger);
  });

  it('keeps every ledger table and lets the candles, telemetry and shadow plan events expire', () => {
    const ledger = TABLE_IDS.filter((id) => TABLE_DEFINITIONS[id].holdsLedger);

    expect(ledger).toEqual(['state', 'plans', 'orders', 'fills']);
    expect(TABLE_IDS.filter((id) => TABLE_DEFINITIONS[id].timeToLiveAttribute === 'expiresAt')).toEqual(['telemetry', 'market', 'shadow']);
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

  it('holds a message invisible for six decide timeouts, as AWS advises for an SQS event source', () => {
    const timeout = functionProperties('decide').Timeout as number;
    const queueId = stack.getLogicalId(stack.queues.queue.node.defaultChild as never);
    const queue = template.findResources('AWS::SQS::Queue')[queueId]?.Properties as { VisibilityTimeout: number };

    expect(timeout).toBe(60);
    expect(queue.VisibilityTimeout).toBe(6 * timeout);
  });

  it('makes both queues FIFO with explicit deduplication and SQS-managed encryption', () => {
    const queues = Object.values(template.findResources('AWS::SQS::Queue'));

    expect(queues).toHaveLength(2);
    for (const queue of queues) {
      expect(queue.Properties).toMatchObject({ FifoQueue: true, ContentBasedDeduplication: false, SqsManagedSseEnabled: true });
    }
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
  it('runs its four functions, eight reconciliation steps and the after-deploy trigger on arm64 and Node.js 24', () => {
    const functions = template.findResources('AWS::Lambda::Function');
    const own = Object.values(stackFunctions(stack)).map((fn) => stack.getLogicalId(fn.node.defaultChild as never));

    expect(own).toHaveLength(13);
    for (const id of own) expect(functions[id]?.Properties).toMatchObject({ Architectures: ['arm64'], Runtime: 'nodejs24.x' });
    // The one other function is CDK's trigger provider, which invokes the after-deploy function.
    expect(Object.keys(functions).filter((id) => !own.includes(id))).toEqual([expect.stringMatching(/^AWSCDKTriggerCustomResourceProvider/)]);
  });

  it.each([
    ['capture', 50, 512],
    ['decide', 60, 512],
    ['heartbeat', 60, 256],
    ['maintenance', 300, 256],
  ] as const)('gives %s a %i s timeout and %i MB', (name, timeout, memory) => {
    // capture ends before the next run starts: its 1-minute schedule less 10 s.
    expect(functionProperties(name)).toMatchObject({ Timeout: timeout, MemorySize: memory });
  });

  it('feeds decide from the queue in configured batches with partial-failure reporting', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: 2 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('keeps each function log for one month, in a log group of its own', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));

    // Thirteen functions and the reconciliation state machine.
    expect(groups).toHaveLength(14);
    for (const group of groups) expect(group.Properties).toMatchObject({ RetentionInDays: 30 });
    for (const name of FUNCTION_NAMES) {
      const logGroupId = stack.getLogicalId(stack.functions.logGroups[name].node.defaultChild as never);
      expect(functionProperties(name).LoggingConfig).toEqual({ LogGroup: { Ref: logGroupId } });
    }
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

  it('creates no secret for the exchange key: the functions are told the SecureString the owner puts', () => {
    expect(template.findResources('AWS::SecretsManager::Secret')).toEqual({});
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ EXCHANGE_CREDENTIALS_PARAMETER: '/testbot/exchange-credentials' }) } });
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

