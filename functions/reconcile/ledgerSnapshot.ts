import { LambdaRuntime } from '../../lib/runtime/lambda/LambdaRuntime.js';
import { reconcileLambdaHandler } from '../../lib/runtime/lambda/reconcile/reconcileStepHandlers.js';

/** Reconciliation, step LedgerSnapshot: the bot state, live plans and unsettled intents, read consistently. */
export const handler = reconcileLambdaHandler(new LambdaRuntime(process.env), 'ledgerSnapshot');
