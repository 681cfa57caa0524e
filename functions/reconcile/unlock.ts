import { LambdaRuntime } from '../../lib/runtime/lambda/LambdaRuntime.js';
import { reconcileLambdaHandler } from '../../lib/runtime/lambda/reconcile/reconcileStepHandlers.js';

/** Reconciliation, step Unlock: the bot back to ACTIVE under this reconciliation's lock. */
export const handler = reconcileLambdaHandler(new LambdaRuntime(process.env), 'unlock');
