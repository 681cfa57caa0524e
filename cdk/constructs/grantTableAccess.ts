import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { TABLE_DEFINITIONS, type TableDefinition, type TableId } from '../../lib/adapters/dynamodb/tableDefinitions.js';

export type TableAccess = 'read' | 'readWrite';

const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const INDEX_ACTIONS = ['dynamodb:Query', 'dynamodb:Scan'];

/**
 * Grants named DynamoDB actions on a table, and Query/Scan on each of its defined indexes
 * by name: Table.grantReadData would grant `<table>/index/*`. Transactions need no action
 * of their own: DynamoDB checks each item's action (PutItem, ConditionCheckItem, …).
 */
export function grantTableAccess(grantee: IGrantable, table: ITable, definition: TableDefinition, access: TableAccess): void {
  Grant.addToPrincipal({
    grantee,
    actions: access === 'readWrite' ? [...READ_ACTIONS, ...WRITE_ACTIONS] : READ_ACTIONS,
    resourceArns: [table.tableArn],
  });
  if (definition.indexes.length === 0) return;
  Grant.addToPrincipal({
    grantee,
    actions: INDEX_ACTIONS,
    resourceArns: definition.indexes.map((index) => `${table.tableArn}/index/${index.name}`),
  });
}

/** grantTableAccess on each of the bot's tables named, with its definition. */
export function grantTables(grantee: IGrantable, tables: Readonly<Record<TableId, ITable>>, access: TableAccess, ...ids: readonly TableId[]): void {
  for (const tableId of ids) grantTableAccess(grantee, tables[tableId], TABLE_DEFINITIONS[tableId], access);
}
