import { LambdaRuntime } from '../../lib/runtime/lambda/LambdaRuntime.js';
import { reconcileLambdaHandler } from '../../lib/runtime/lambda/reconcile/reconcileStepHandlers.js';

/** Reconciliation, step Lock: takes the bot for this reconciliation (RECONCILING), or ends it cleanly when another holds it. */
export const handler = reconcileLambdaHandler(new LambdaRuntime(process.env), 'lock');
