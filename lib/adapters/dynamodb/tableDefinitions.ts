/**
 * The one description of every table: the CDK stack builds the deployed tables from it
 * and the DynamoDB Local launcher creates the test tables from it, so tests run against
 * the tables that are deployed. The access patterns behind each are in docs/data-model.md.
 */
export type KeyType = 'S' | 'N';

export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyType;
}

export interface IndexDefinition {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

export interface TableDefinition {
  readonly id: TableId;
  readonly purpose: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly indexes: readonly IndexDefinition[];
  /** Epoch seconds after which DynamoDB may delete the item. */
  readonly timeToLiveAttribute?: string;
  /** Money records: kept when the stack is deleted, point-in-time recovery on. */
  readonly holdsLedger: boolean;
}

export const TABLE_IDS = ['state', 'plans', 'orders', 'fills', 'telemetry', 'market', 'shadow'] as const;
export type TableId = (typeof TABLE_IDS)[number];
export type TableNames = Readonly<Record<TableId, string>>;

export const TTL_ATTRIBUTE = 'expiresAt';
export const UNSETTLED_ORDERS_INDEX = 'unsettled';
export const CLOSED_PLANS_BY_SYMBOL_INDEX = 'closedBySymbol';

const text = (name: string): KeyAttribute => ({ name, type: 'S' });
const number = (name: string): KeyAttribute => ({ name, type: 'N' });

export const TABLE_DEFINITIONS: Readonly<Record<TableId, TableDefinition>> = {
  state: {
    id: 'state',
    purpose: 'bot state, daily risk state, stop-out times and the live plans: one consistent query loads a decision',
    partitionKey: text('pk'),
    sortKey: text('sk'),
    indexes: [],
    holdsLedger: true,
  },
  plans: {
    id: 'plans',
    purpose: 'plans that ended (closed, cancelled, rejected), by plan id',
    partitionKey: text('id'),
    indexes: [{ name: CLOSED_PLANS_BY_SYMBOL_INDEX, partitionKey: text('symbol'), sortKey: number('updatedAt') }],
    holdsLedger: true,
  },
  orders: {
    id: 'orders',
    purpose: 'order intents and the exchange state of each order, by client order id',
    partitionKey: text('clientOrderId'),
    indexes: [{ name: UNSETTLED_ORDERS_INDEX, partitionKey: text('unsettledSymbol'), sortKey: number('createdAt') }],
    holdsLedger: true,
  },
  fills: {
    id: 'fills',
    purpose: 'trades (fills) by UTC day, in time order',
    partitionKey: text('day'),
    sortKey: text('fillKey'),
    indexes: [],
    holdsLedger: true,
  },
  telemetry: {
    id: 'telemetry',
    purpose: 'decision records, bot actions, heartbeats and equity snapshots',
    partitionKey: text('pk'),
    sortKey: text('sk'),
    indexes: [],
    timeToLiveAttribute: TTL_ATTRIBUTE,
    holdsLedger: false,
  },
  market: {
    id: 'market',
    purpose: 'captured candles by symbol and timeframe, in open-time order',
    partitionKey: text('series'),
    sortKey: number('openTime'),
    indexes: [],
    timeToLiveAttribute: TTL_ATTRIBUTE,
    holdsLedger: false,
  },
  shadow: {
    id: 'shadow',
    purpose: "shadow strategies' virtual books (one partition, read in one query) and their plans as they open and resolve, by book and time",
    partitionKey: text('pk'),
    sortKey: text('sk'),
    indexes: [],
    timeToLiveAttribute: TTL_ATTRIBUTE,
    holdsLedger: false,
  },
};

/** `<prefix>-<id>` for every table, as the local runtime and the tests name them. */
export function tableNamesWithPrefix(prefix: string): TableNames {
  return Object.fromEntries(TABLE_IDS.map((id) => [id, `${prefix}-${id}`])) as Record<TableId, string>;
}
