import { LambdaRuntime } from '../../lib/runtime/lambda/LambdaRuntime.js';
import { reconcileLambdaHandler } from '../../lib/runtime/lambda/reconcile/reconcileStepHandlers.js';

/** Reconciliation, step Verify: both snapshots again and the diff, one round on. */
export const handler = reconcileLambdaHandler(new LambdaRuntime(process.env), 'verify');
