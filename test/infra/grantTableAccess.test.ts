import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { APPEND, APPEND_AND_REMOVE, BATCH_WRITE, grantTables } from '../../cdk/constructs/grantTableAccess.js';
import { TABLE_IDS, type TableId } from '../../lib/adapters/dynamodb/tableDefinitions.js';

function scene() {
  const stack = new Stack(new App(), 'Grants');
  const role = new Role(stack, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  const tables = Object.fromEntries(
    TABLE_IDS.map((id) => [id, new Table(stack, id, { partitionKey: { name: 'pk', type: AttributeType.STRING } })]),
  ) as unknown as Record<TableId, Table>;
  return { stack, role, tables };
}

describe('Function: grantTables', () => {
  it.each(['plans', 'orders', 'fills'] as const)('refuses, at synth, a write that can delete a row of the %s ledger table', (id) => {
    const { role, tables } = scene();

    expect(() => grantTables(role, tables, APPEND_AND_REMOVE, id)).toThrow(`dynamodb:DeleteItem on the ${id} table would let a function delete ledger rows`);
    expect(() => grantTables(role, tables, BATCH_WRITE, id)).toThrow(`dynamodb:BatchWriteItem on the ${id} table would let a function delete ledger rows`);
  });

  it('grants the reads and exactly the named writes', () => {
    const { stack, role, tables } = scene();

    grantTables(role, tables, APPEND, 'orders');
    grantTables(role, tables, APPEND_AND_REMOVE, 'state');

    const statements = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy')).flatMap(
      (policy) => (policy as { Properties: { PolicyDocument: { Statement: { Action: string[] }[] } } }).Properties.PolicyDocument.Statement,
    );
    // The orders table's index statement (Query, Scan) writes nothing.
    const writes = statements.map((statement) => statement.Action.filter((action) => /Put|Update|Delete|BatchWrite/.test(action))).filter((actions) => actions.length > 0);
    expect(writes).toEqual([
      ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
      ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
    ]);
  });
});
