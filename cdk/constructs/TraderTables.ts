import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, type ITable, type StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import {
  type KeyAttribute,
  TABLE_DEFINITIONS,
  TABLE_IDS,
  type TableDefinition,
  type TableId,
  type TableNames,
} from '../../lib/adapters/dynamodb/tableDefinitions.js';

export interface TraderTablesProps {
  /** Tables that do not hold the ledger go with the stack. @default RemovalPolicy.DESTROY */
  readonly transientRemovalPolicy?: RemovalPolicy;
  /** Change streams, by table (the notifier reads them). @default none */
  readonly streams?: Readonly<Partial<Record<TableId, StreamViewType>>>;
}

const attribute = (key: KeyAttribute) => ({ name: key.name, type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER });

/**
 * The bot's DynamoDB tables, built from TABLE_DEFINITIONS so the deployed tables are the
 * ones the local runtime and the tests create: on demand, point-in-time recovery and
 * AWS-managed encryption; ledger tables are kept when the stack is deleted.
 */
export class TraderTables extends Construct {
  readonly tables: Readonly<Record<TableId, ITable>>;

  constructor(scope: Construct, id: string, props: TraderTablesProps = {}) {
    super(scope, id);
    const transient = props.transientRemovalPolicy ?? RemovalPolicy.DESTROY;
    const tables = {} as Record<TableId, ITable>;
    for (const tableId of TABLE_IDS) tables[tableId] = this.createTable(TABLE_DEFINITIONS[tableId], transient, props.streams?.[tableId]);
    this.tables = tables;
  }

  get tableNames(): TableNames {
    return Object.fromEntries(TABLE_IDS.map((id) => [id, this.tables[id].tableName])) as Record<TableId, string>;
  }

  private createTable(definition: TableDefinition, transient: RemovalPolicy, stream: StreamViewType | undefined): Table {
    const table = new Table(this, definition.id, {
      partitionKey: attribute(definition.partitionKey),
      ...(definition.sortKey ? { sortKey: attribute(definition.sortKey) } : {}),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      ...(definition.timeToLiveAttribute ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
      removalPolicy: definition.holdsLedger ? RemovalPolicy.RETAIN : transient,
      deletionProtection: definition.holdsLedger,
      ...(stream !== undefined ? { stream } : {}),
    });
    for (const index of definition.indexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: attribute(index.partitionKey),
        ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
      });
    }
    return table;
  }
}
