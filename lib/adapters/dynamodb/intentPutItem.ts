import type { OrderIntent } from '../../domain/order.js';
import type { Plan } from '../../domain/plan.js';
import type { TransactItem } from './ledgerWriteItems.js';
import type { TableNames } from './tableDefinitions.js';

/**
 * An intent goes in only if its client order id is new; it carries its symbol in
 * `unsettledSymbol` (a sparse index) until the venue's final answer is recorded, and the
 * plan as it stands once the order is sent (`plan`), for reconciliation.
 */
export function intentPutItem(tables: TableNames, intent: OrderIntent, plan?: Plan): TransactItem {
  return {
    Put: {
      TableName: tables.orders,
      Item: { ...intent, unsettledSymbol: intent.symbol, ...(plan ? { plan } : {}) },
      ConditionExpression: 'attribute_not_exists(clientOrderId)',
    },
  };
}
