import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TableId } from '../../lib/adapters/dynamodb/tableDefinitions.js';
import type { FunctionName } from '../../cdk/constructs/TraderFunctions.js';
import type { TraderStack } from '../../cdk/stack.js';
import { BotConfigSchema } from '../../lib/domain/botConfig.js';
import { synthTraderStack, TEST_CONFIG } from './synthTraderStack.js';

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}
interface PolicyResource {
  readonly Properties: { PolicyDocument: { Statement: Statement[] }; Roles: { Ref: string }[] };
}

let stack: TraderStack;
let template: Template;
const ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:reconcile';

beforeAll(() => {
  stack = synthTraderStack({ reconcileStateMachineArn: ARN });
  template = Template.fromStack(stack);
});

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const policies = () => Object.values(template.findResources('AWS::IAM::Policy')) as PolicyResource[];
const logicalId = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);

/** The statements of a function's role on one resource, found by the resource's logical id. */
function statementsOn(name: FunctionName, resourceId: string): Statement[] {
  const roleId = logicalId(stack.functions.functions[name].role as never);
  return policies()
    .filter((policy) => policy.Properties.Roles.some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
    .filter((statement) => JSON.stringify(statement.Resource).includes(`"${resourceId}"`));
}

/** The actions a function's role may take on one resource. */
const actionsOn = (name: FunctionName, resourceId: string): string[] => statementsOn(name, resourceId).flatMap((statement) => asList(statement.Action)).sort();
const tableId = (id: TableId) => logicalId(stack.tables.tables[id]);

describe('IAM: least privilege', () => {
  it('grants no wildcard action and no wildcard resource in any policy', () => {
    const statements = policies().flatMap((policy) => policy.Properties.PolicyDocument.Statement);

    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      for (const action of asList(statement.Action)) expect(action, JSON.stringify(statement)).not.toMatch(/(^\*$)|(:\*$)/);
      for (const resource of asList(statement.Resource)) expect(resource).not.toBe('*');
    }
  });

  it('attaches no managed policy: each function logs through its own statement', () => {
    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
      expect((role.Properties as Record<string, unknown>).ManagedPolicyArns).toBeUndefined();
    }
  });

  it('lets capture read its resume point, write candles and queue decisions, but touch no ledger table', () => {
    expect(actionsOn('capture', tableId('market'))).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:BatchWriteItem']));
    for (const id of ['plans', 'orders', 'fills', 'telemetry'] as const) expect(actionsOn('capture', tableId(id))).toEqual([]);
    expect(actionsOn('capture', logicalId(stack.queues.queue))).toContain('sqs:SendMessage');
  });

  it('lets capture in paper mode get and put the PAPER partition of the state table, and nothing else there', () => {
    const onState = statementsOn('capture', tableId('state'));

    expect(onState).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['PAPER'] } },
      }),
    ]);
    // decide (orders) and heartbeat (balances) reach the paper venue through their own state access.
    expect(actionsOn('decide', tableId('state'))).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem']));
    expect(actionsOn('heartbeat', tableId('state'))).toContain('dynamodb:GetItem');
  });

  it('gives capture in live mode no access to the state table', () => {
    const live = synthTraderStack({ config: BotConfigSchema.parse({ ...TEST_CONFIG, mode: 'live' }) });
    const liveTemplate = Template.fromStack(live);
    const roleId = live.getLogicalId(live.functions.functions.capture.role?.node.defaultChild as never);
    const stateId = live.getLogicalId(live.tables.tables.state.node.defaultChild as never);
    const captureStatements = Object.values(liveTemplate.findResources('AWS::IAM::Policy'))
      .map((policy) => policy as PolicyResource)
      .filter((policy) => policy.Properties.Roles.some((role) => role.Ref === roleId))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement);

    expect(captureStatements.length).toBeGreaterThan(0);
    expect(captureStatements.filter((statement) => JSON.stringify(statement.Resource).includes(`"${stateId}"`))).toEqual([]);
    expect(JSON.stringify(captureStatements)).not.toContain('dynamodb:LeadingKeys');
  });

  it('lets decide write the ledger and only read candles', () => {
    for (const id of ['state', 'plans', 'orders', 'fills', 'telemetry'] as const) expect(actionsOn('decide', tableId(id))).toContain('dynamodb:PutItem');
    expect(actionsOn('decide', tableId('market'))).toContain('dynamodb:Query');
    expect(actionsOn('decide', tableId('market'))).not.toContain('dynamodb:PutItem');
    expect(actionsOn('decide', logicalId(stack.queues.queue))).toContain('sqs:DeleteMessage');
    expect(actionsOn('decide', logicalId(stack.controls.runtimeConfig))).toContain('ssm:GetParameter');
  });

  it('lets heartbeat write the ledger (FLATTEN exits through it), write telemetry, and start only the given state machine', () => {
    for (const id of ['state', 'plans', 'orders', 'fills'] as const) expect(actionsOn('heartbeat', tableId(id))).toContain('dynamodb:UpdateItem');
    expect(actionsOn('heartbeat', tableId('market'))).not.toContain('dynamodb:PutItem');
    expect(actionsOn('heartbeat', tableId('telemetry'))).toContain('dynamodb:PutItem');
    const heartbeatRole = logicalId(stack.functions.functions.heartbeat.role as never);
    const start = policies()
      .filter((policy) => policy.Properties.Roles.some((role) => role.Ref === heartbeatRole))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
      .filter((statement) => asList(statement.Action).includes('states:StartExecution'));
    expect(start.map((statement) => statement.Resource)).toEqual([ARN]);
  });

  it('lets maintenance delete only telemetry and candles, read the ledger it reports on, and never touch fills', () => {
    for (const id of ['telemetry', 'market'] as const) expect(actionsOn('maintenance', tableId(id))).toContain('dynamodb:DeleteItem');
    for (const id of ['state', 'plans', 'orders'] as const) {
      expect(actionsOn('maintenance', tableId(id))).toContain('dynamodb:Query');
      expect(actionsOn('maintenance', tableId(id))).not.toContain('dynamodb:DeleteItem');
    }
    expect(actionsOn('maintenance', tableId('fills'))).toEqual([]);
    // It looks stale intents up at the venue.
    expect(actionsOn('maintenance', logicalId(stack.controls.exchangeSecret))).toContain('secretsmanager:GetSecretValue');
  });

  it('grants index reads by index name, never index/*', () => {
    const documents = JSON.stringify(policies().map((policy) => policy.Properties.PolicyDocument));

    expect(documents).toContain('/index/unsettled');
    expect(documents).toContain('/index/closedBySymbol');
    expect(documents).not.toContain('/index/*');
  });
});

describe('cdk-nag: AwsSolutions', () => {
  it('finds nothing that is not acknowledged with a reason', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);

    expect(report.violations.map((violation) => `${violation.ruleName}: ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });

  it('gives every acknowledged finding a reason a reviewer can check', () => {
    const acknowledged = stack.node
      .findAll()
      .flatMap((construct) => construct.node.metadata.filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>));

    expect(acknowledged.map(([rule]) => rule)).toEqual(['Annotation::AwsSolutions-SMG4']);
    for (const [, reason] of acknowledged) expect(reason.length).toBeGreaterThan(40);
    // No cdk-nag suppression bypasses the acknowledgements.
    expect(JSON.stringify(template.toJSON())).not.toContain('rules_to_suppress');
  });
});
