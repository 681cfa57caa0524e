import { LambdaRuntime } from '../../lib/runtime/lambda/LambdaRuntime.js';
import { reconcileLambdaHandler } from '../../lib/runtime/lambda/reconcile/reconcileStepHandlers.js';

/** Reconciliation, step ExchangeSnapshot: the venue's balances, open orders, awaited orders, fills and prices. */
export const handler = reconcileLambdaHandler(new LambdaRuntime(process.env), 'exchangeSnapshot');
