import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TableId } from '../../lib/adapters/dynamodb/tableDefinitions.js';
import type { FunctionName } from '../../cdk/constructs/TraderFunctions.js';
import type { ReconcileFunctionName } from '../../cdk/functionEntries.js';
import type { TraderStack } from '../../cdk/stack.js';
import { RECONCILE_STEPS } from '../../lib/runtime/lambda/reconcile/reconcileSteps.js';
import { asList, rolePolicies } from './rolePolicies.js';
import { logicalIdOf, stackFunctions } from './stackFunctions.js';
import { synthTraderStack } from './synthTraderStack.js';

let stack: TraderStack;
let iam: ReturnType<typeof rolePolicies>;

beforeAll(() => {
  stack = synthTraderStack();
  iam = rolePolicies(stack, Template.fromStack(stack));
});

const logicalId = (construct: { node: { defaultChild?: unknown } }) => logicalIdOf(stack, construct);
const tableId = (id: TableId) => logicalId(stack.tables.tables[id]);
/** The actions a function may take on the exchange key's SecureString (named by its ARN: the owner creates it). */
const credentialReads = (name: FunctionName | ReconcileFunctionName) =>
  iam.statementsOf(name).filter((statement) => JSON.stringify(statement.Resource).includes(':parameter/testbot/exchange-credentials"')).flatMap((statement) => asList(statement.Action));
const DYNAMODB_WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

describe('IAM: reconciliation, least privilege', () => {
  it('lets Lock, Unlock and Halt read and write the state table, Halt append its bot action to telemetry, and nothing else', () => {
    expect(iam.actionsOn('halt', tableId('telemetry')).filter((action) => DYNAMODB_WRITES.includes(action)).sort()).toEqual(['dynamodb:PutItem', 'dynamodb:UpdateItem']);
    for (const name of ['lock', 'unlock', 'halt'] as const) {
      expect(iam.actionsOn(name, tableId('state'))).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem']));
      const elsewhere = iam.statementsOf(name).filter((statement) => ![tableId('state'), tableId('telemetry')].some((id) => JSON.stringify(statement.Resource).includes(`"${id}"`)));
      expect(elsewhere.flatMap((statement) => asList(statement.Action))).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    }
  });

  it('gives Diff, a pure function, no DynamoDB, secret, SSM or KMS permission at all', () => {
    expect(iam.actionsOf('diff').sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
  });

  it('lets the snapshots and Verify read the state and orders tables and write nothing but the shared venue hold', () => {
    const isVenueHold = (statement: { Condition?: unknown }) => JSON.stringify(statement.Condition ?? {}).includes('VENUE_HOLD');
    for (const name of ['exchangeSnapshot', 'ledgerSnapshot', 'verify'] as const) {
      for (const id of ['state', 'orders'] as const) expect(iam.actionsOn(name, tableId(id))).toContain('dynamodb:Query');
      for (const id of ['plans', 'fills', 'telemetry', 'market'] as const) expect(iam.actionsOn(name, tableId(id))).toEqual([]);
      const writes = iam
        .statementsOf(name)
        .filter((statement) => !isVenueHold(statement))
        .flatMap((statement) => asList(statement.Action))
        // ssm:GetParameter reads the exchange key (the test above); any other ssm action would write.
        .filter((action) => DYNAMODB_WRITES.includes(action) || (action.startsWith('ssm:') && action !== 'ssm:GetParameter') || action.startsWith('states:'));
      expect(writes, name).toEqual([]);
    }
    // The venue callers among them may record a 418 ban they meet, on the VENUE_HOLD partition only.
    for (const name of ['exchangeSnapshot', 'verify'] as const) expect(iam.statementsOf(name).filter(isVenueHold).flatMap((statement) => asList(statement.Action)).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    expect(iam.statementsOf('ledgerSnapshot').filter(isVenueHold)).toEqual([]);
  });

  it('lets the exchange snapshot and Verify read the exchange key, and the ledger snapshot not', () => {
    expect(credentialReads('exchangeSnapshot')).toEqual(['ssm:GetParameter']);
    expect(credentialReads('verify')).toEqual(['ssm:GetParameter']);
    expect(credentialReads('ledgerSnapshot')).toEqual([]);
  });

  it('lets ApplyRepair write the ledger, append its bot actions, read the exchange key and the kill switch, and touch nothing else', () => {
    for (const id of ['state', 'plans', 'orders', 'fills'] as const) expect(iam.actionsOn('applyRepair', tableId(id))).toContain('dynamodb:UpdateItem');
    expect(iam.actionsOn('applyRepair', tableId('telemetry')).filter((action) => DYNAMODB_WRITES.includes(action)).sort()).toEqual(['dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(iam.actionsOn('applyRepair', tableId('market'))).toEqual([]);
    expect(credentialReads('applyRepair')).toEqual(['ssm:GetParameter']);
    expect(iam.actionsOn('applyRepair', logicalId(stack.controls.killSwitch))).toContain('ssm:GetParameter');
    expect(iam.actionsOn('applyRepair', logicalId(stack.controls.runtimeConfig))).toEqual([]);
  });

  it('lets only heartbeat and the after-deploy trigger start an execution, of this state machine alone', () => {
    const stateMachine = { Ref: logicalId(stack.reconciliation.stateMachine) };
    const starters = Object.keys(stackFunctions(stack)).filter((name) => iam.actionsOf(name as FunctionName | ReconcileFunctionName).some((action) => action.startsWith('states:')));

    expect(starters.sort()).toEqual(['afterDeploy', 'heartbeat']);
    for (const name of ['afterDeploy', 'heartbeat'] as const) {
      expect(iam.statementsOf(name).filter((statement) => asList(statement.Action).includes('states:StartExecution'))).toEqual([
        expect.objectContaining({ Resource: stateMachine }),
      ]);
    }
    expect(iam.actionsOf('afterDeploy').sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'states:StartExecution']);
  });

  it('lets the state machine invoke exactly the eight step functions', () => {
    const invoked = iam.roleStatements(logicalId(stack.reconciliation.stateMachine.role))
      .filter((statement) => asList(statement.Action).includes('lambda:InvokeFunction'))
      .flatMap((statement) => asList(statement.Resource))
      .map((resource) => JSON.stringify(resource).match(/"Fn::GetAtt":\["([^"]+)","Arn"\]/)?.[1]);
    const steps = RECONCILE_STEPS.map((step) => logicalId(stack.reconciliation.steps.functions[step]));

    expect([...new Set(invoked)].sort()).toEqual([...steps].sort());
  });
});
