import { LambdaRuntime } from '../../lib/runtime/lambda/LambdaRuntime.js';
import { reconcileLambdaHandler } from '../../lib/runtime/lambda/reconcile/reconcileStepHandlers.js';

/** Reconciliation, step Halt: any failure, or balances that cannot be trusted: the bot HALTED with the reason. */
export const handler = reconcileLambdaHandler(new LambdaRuntime(process.env), 'halt');
