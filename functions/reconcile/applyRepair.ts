import { LambdaRuntime } from '../../lib/runtime/lambda/LambdaRuntime.js';
import { reconcileLambdaHandler } from '../../lib/runtime/lambda/reconcile/reconcileStepHandlers.js';

/** Reconciliation, step ApplyRepair: one repair of the Map, idempotent. */
export const handler = reconcileLambdaHandler(new LambdaRuntime(process.env), 'applyRepair');
