import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TableId } from '../../lib/adapters/dynamodb/tableDefinitions.js';
import type { FunctionName } from '../../cdk/constructs/TraderFunctions.js';
import type { ReconcileFunctionName } from '../../cdk/functionEntries.js';
import type { TraderStack } from '../../cdk/stack.js';
import { BotConfigSchema } from '../../lib/domain/botConfig.js';
import { RECONCILE_STEPS } from '../../lib/runtime/lambda/reconcile/reconcileSteps.js';
import { asList, rolePolicies, type Statement } from './rolePolicies.js';
import { logicalIdOf } from './stackFunctions.js';
import { synthTraderStack, TEST_CONFIG } from './synthTraderStack.js';

let stack: TraderStack;
let template: Template;
let iam: ReturnType<typeof rolePolicies>;

beforeAll(() => {
  stack = synthTraderStack();
  template = Template.fromStack(stack);
  iam = rolePolicies(stack, template);
});

const logicalId = (construct: { node: { defaultChild?: unknown } }) => logicalIdOf(stack, construct);
const actionsOn = (name: FunctionName | ReconcileFunctionName, resourceId: string) => iam.actionsOn(name, resourceId);
const statementsOn = (name: FunctionName | ReconcileFunctionName, resourceId: string) => iam.statementsOn(name, resourceId);
const tableId = (id: TableId) => logicalId(stack.tables.tables[id]);
/** The actions a function may take on the exchange key's SecureString (named by its ARN: the owner creates it). */
const credentialReads = (name: FunctionName | ReconcileFunctionName) =>
  iam.statementsOf(name).filter((statement) => JSON.stringify(statement.Resource).includes(':parameter/testbot/exchange-credentials"')).flatMap((statement) => asList(statement.Action));
const WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
/** The shared venue hold's statement (grantVenueHold): every venue caller holds it on the state table. */
const VENUE_HOLD_STATEMENT = { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['VENUE_HOLD'] } } };
const isVenueHold = (statement: Statement) => JSON.stringify(statement.Condition ?? {}).includes('VENUE_HOLD');
const LEDGER_READS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];

describe('IAM: least privilege', () => {
  it('grants no wildcard action and no wildcard resource in any policy, but the log delivery Step Functions needs', () => {
    const statements = iam.policies().flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    // CloudWatch Logs' delivery actions support no resource-level permission.
    const logDelivery = (statement: Statement) => asList(statement.Action).every((action) => action.startsWith('logs:'));
    const wildcardResources = statements.filter((statement) => asList(statement.Resource).includes('*'));

    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      for (const action of asList(statement.Action)) expect(action, JSON.stringify(statement)).not.toMatch(/(^\*$)|(:\*$)/);
    }
    expect(wildcardResources).toHaveLength(1);
    expect(wildcardResources.every(logDelivery)).toBe(true);
    expect(iam.roleStatements(logicalId(stack.reconciliation.stateMachine.role))).toContainEqual(wildcardResources[0]);
  });

  it('attaches no managed policy: each function logs through its own statement; only CDK\'s trigger provider uses the basic execution role', () => {
    const roles = template.findResources('AWS::IAM::Role');
    const withManaged = Object.keys(roles).filter((id) => (roles[id]?.Properties as Record<string, unknown>).ManagedPolicyArns !== undefined);

    expect(withManaged).toEqual([expect.stringMatching(/^AWSCDKTriggerCustomResourceProvider/)]);
    expect(JSON.stringify(roles[withManaged[0]!])).toContain('AWSLambdaBasicExecutionRole');
  });

  it('lets capture read its resume point, write candles and queue decisions, but touch no ledger table', () => {
    expect(actionsOn('capture', tableId('market'))).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:BatchWriteItem']));
    for (const id of ['plans', 'orders', 'fills', 'telemetry'] as const) expect(actionsOn('capture', tableId(id))).toEqual([]);
    expect(actionsOn('capture', logicalId(stack.queues.queue))).toContain('sqs:SendMessage');
  });

  it('lets capture in paper mode get and put the PAPER partition of the state table, and nothing else there', () => {
    const onState = statementsOn('capture', tableId('state'));

    expect(onState).toEqual([
      expect.objectContaining(VENUE_HOLD_STATEMENT),
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

  it('gives capture in live mode no access to the state table but the shared venue hold', () => {
    const live = synthTraderStack({ config: BotConfigSchema.parse({ ...TEST_CONFIG, mode: 'live' }) });
    const stateId = logicalIdOf(live, live.tables.tables.state);
    const captureStatements = rolePolicies(live, Template.fromStack(live)).statementsOf('capture');

    expect(captureStatements.length).toBeGreaterThan(0);
    expect(captureStatements.filter((statement) => JSON.stringify(statement.Resource).includes(`"${stateId}"`))).toEqual([expect.objectContaining(VENUE_HOLD_STATEMENT)]);
    expect(JSON.stringify(captureStatements)).not.toContain("'PAPER'");
  });

  it('lets every function that calls the venue get and update the VENUE_HOLD partition of the state table (the shared 418 ban), and no other', () => {
    const callers = ['capture', 'decide', 'heartbeat', 'maintenance', 'exchangeSnapshot', 'verify', 'applyRepair'] as const;
    for (const name of callers) expect(statementsOn(name, tableId('state')).filter(isVenueHold), name).toEqual([expect.objectContaining(VENUE_HOLD_STATEMENT)]);
    const others = [...RECONCILE_STEPS].filter((step) => !(callers as readonly string[]).includes(step));
    for (const name of others) expect(statementsOn(name, tableId('state')).filter(isVenueHold), name).toEqual([]);
  });

  it('lets decide write the ledger and only read candles', () => {
    for (const id of ['state', 'plans', 'orders', 'fills', 'telemetry'] as const) expect(actionsOn('decide', tableId(id))).toContain('dynamodb:PutItem');
    expect(actionsOn('decide', tableId('market'))).toContain('dynamodb:Query');
    expect(actionsOn('decide', tableId('market'))).not.toContain('dynamodb:PutItem');
    expect(actionsOn('decide', logicalId(stack.queues.queue))).toContain('sqs:DeleteMessage');
    expect(actionsOn('decide', logicalId(stack.controls.runtimeConfig))).toContain('ssm:GetParameter');
  });

  it('lets heartbeat write the ledger (FLATTEN exits through it), write telemetry, and start only the reconciliation', () => {
    for (const id of ['state', 'plans', 'orders', 'fills'] as const) expect(actionsOn('heartbeat', tableId(id))).toContain('dynamodb:UpdateItem');
    expect(actionsOn('heartbeat', tableId('market'))).not.toContain('dynamodb:PutItem');
    expect(actionsOn('heartbeat', tableId('telemetry'))).toContain('dynamodb:PutItem');
    const start = iam.statementsOf('heartbeat').filter((statement) => asList(statement.Action).some((action) => action.startsWith('states:')));
    expect(start).toEqual([expect.objectContaining({ Action: 'states:StartExecution', Resource: { Ref: logicalId(stack.reconciliation.stateMachine) } })]);
  });

  it('lets maintenance prune (BatchWriteItem) only telemetry and candles, read the ledger it reports on, and never touch fills', () => {
    for (const id of ['telemetry', 'market'] as const) {
      expect(actionsOn('maintenance', tableId(id))).toContain('dynamodb:BatchWriteItem');
      expect(actionsOn('maintenance', tableId(id))).not.toContain('dynamodb:DeleteItem');
    }
    expect(actionsOn('maintenance', tableId('market'))).not.toContain('dynamodb:PutItem');
    for (const id of ['state', 'plans', 'orders'] as const) {
      expect(actionsOn('maintenance', tableId(id))).toContain('dynamodb:Query');
      const writes = statementsOn('maintenance', tableId(id)).filter((statement) => !isVenueHold(statement)).flatMap((statement) => asList(statement.Action)).filter((action) => WRITES.includes(action));
      expect(writes).toEqual([]);
    }
    expect(actionsOn('maintenance', tableId('fills'))).toEqual([]);
    // It looks stale intents up at the venue.
    expect(credentialReads('maintenance')).toEqual(['ssm:GetParameter']);
  });

  it('lets decide only put shadow items, heartbeat only read them, maintenance prune them in batches, and capture not touch them', () => {
    expect([...new Set(actionsOn('decide', tableId('shadow')))].sort()).toEqual([...LEDGER_READS, 'dynamodb:PutItem'].sort());
    expect(actionsOn('heartbeat', tableId('shadow')).filter((action) => WRITES.includes(action))).toEqual([]);
    expect(actionsOn('heartbeat', tableId('shadow'))).toContain('dynamodb:Query');
    expect(actionsOn('maintenance', tableId('shadow')).filter((action) => WRITES.includes(action))).toEqual(['dynamodb:BatchWriteItem']);
    expect(actionsOn('capture', tableId('shadow'))).toEqual([]);
  });

  it('lets no role delete a ledger row: nothing holds DeleteItem or BatchWriteItem on plans, orders or fills', () => {
    const ledgerIds = (['plans', 'orders', 'fills'] as const).map(tableId);
    const onLedger = iam.policies().flatMap((policy) =>
      policy.Properties.PolicyDocument.Statement.filter((statement) => ledgerIds.some((id) => JSON.stringify(statement.Resource).includes(`"${id}"`))),
    );

    expect(onLedger.length).toBeGreaterThan(0);
    for (const statement of onLedger) {
      expect(asList(statement.Action).filter((action) => action === 'dynamodb:DeleteItem' || action === 'dynamodb:BatchWriteItem'), JSON.stringify(statement)).toEqual([]);
    }
  });

  it('grants the ledger writers named actions: reads, PutItem and UpdateItem on the ledger, DeleteItem only on the live state', () => {
    const readsAnd = (...writes: string[]) => [...LEDGER_READS, ...writes].sort();
    for (const name of ['decide', 'heartbeat', 'applyRepair'] as const) {
      // An indexed table's index statement repeats Query and Scan: compared as a set.
      for (const id of ['plans', 'orders', 'fills'] as const) expect([...new Set(actionsOn(name, tableId(id)))]).toEqual(readsAnd('dynamodb:PutItem', 'dynamodb:UpdateItem'));
      expect(actionsOn(name, tableId('state'))).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']));
      expect(actionsOn(name, tableId('state'))).not.toContain('dynamodb:BatchWriteItem');
    }
  });

  it('grants index reads by index name, never index/*', () => {
    const documents = JSON.stringify(iam.policies().map((policy) => policy.Properties.PolicyDocument));

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

    const stepFunctionIds = RECONCILE_STEPS.map((step) => logicalId(stack.reconciliation.steps.functions[step]));
    expect(acknowledged.map(([rule]) => rule).sort()).toEqual(
      [
        'Annotation::AwsSolutions-SF2',
        // The state machine's role: each step function's versions, and the log delivery actions.
        ...stepFunctionIds.map((id) => `Annotation::AwsSolutions-IAM5[Resource::<${id}.Arn>:*]`),
        'Annotation::AwsSolutions-IAM5[Resource::*]',
      ].sort(),
    );
    for (const [, reason] of acknowledged) expect(reason.length).toBeGreaterThan(40);
    // No cdk-nag suppression bypasses the acknowledgements.
    expect(JSON.stringify(template.toJSON())).not.toContain('rules_to_suppress');
  });
});
