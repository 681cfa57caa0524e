import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { TABLE_DEFINITIONS, type TableDefinition, type TableId } from '../../lib/adapters/dynamodb/tableDefinitions.js';

/** The writes a grant may name; reads come with every grant. */
export type TableWriteAction = 'dynamodb:PutItem' | 'dynamodb:UpdateItem' | 'dynamodb:DeleteItem' | 'dynamodb:BatchWriteItem';

/** Read only. */
export const READ: readonly TableWriteAction[] = [];
/** Rows added and amended, never removed: what the ledger tables and telemetry take. */
export const APPEND: readonly TableWriteAction[] = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];
/** The state table's live items: a plan's leaves it (moving to the plans table) when the plan ends. */
export const APPEND_AND_REMOVE: readonly TableWriteAction[] = [...APPEND, 'dynamodb:DeleteItem'];
/** Whole items put (conditionally) and never amended in place: the shadow store's books and plan events. */
export const PUT_ONLY: readonly TableWriteAction[] = ['dynamodb:PutItem'];
/** Candles stored, and retention pruning, in batches. */
export const BATCH_WRITE: readonly TableWriteAction[] = ['dynamodb:BatchWriteItem'];

/**
 * The tables that keep the bot's history: nothing deletes a row of them, so no role may hold
 * an action that can (BatchWriteItem carries deletes as well as puts).
 */
export const LEDGER_TABLES: readonly TableId[] = ['plans', 'orders', 'fills'];
const REMOVING_ACTIONS: readonly TableWriteAction[] = ['dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
const INDEX_ACTIONS = ['dynamodb:Query', 'dynamodb:Scan'];

/**
 * Grants the reads and the named writes on a table, and Query/Scan on each of its defined
 * indexes by name: Table.grantReadData would grant `<table>/index/*`. Transactions need no
 * action of their own: DynamoDB checks each item's action (PutItem, ConditionCheckItem, …).
 */
export function grantTableAccess(grantee: IGrantable, table: ITable, definition: TableDefinition, writes: readonly TableWriteAction[]): void {
  Grant.addToPrincipal({
    grantee,
    actions: [...READ_ACTIONS, ...writes],
    resourceArns: [table.tableArn],
  });
  if (definition.indexes.length === 0) return;
  Grant.addToPrincipal({
    grantee,
    actions: INDEX_ACTIONS,
    resourceArns: definition.indexes.map((index) => `${table.tableArn}/index/${index.name}`),
  });
}

/** grantTableAccess on each of the bot's tables named; a write that can delete a ledger row fails the synth. */
export function grantTables(grantee: IGrantable, tables: Readonly<Record<TableId, ITable>>, writes: readonly TableWriteAction[], ...ids: readonly TableId[]): void {
  for (const tableId of ids) {
    const removing = writes.filter((action) => REMOVING_ACTIONS.includes(action));
    if (LEDGER_TABLES.includes(tableId) && removing.length > 0) {
      throw new Error(`grantTables: ${removing.join(', ')} on the ${tableId} table would let a function delete ledger rows`);
    }
    grantTableAccess(grantee, tables[tableId], TABLE_DEFINITIONS[tableId], writes);
  }
}
