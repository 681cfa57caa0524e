import { LambdaRuntime } from '../../lib/runtime/lambda/LambdaRuntime.js';
import { reconcileLambdaHandler } from '../../lib/runtime/lambda/reconcile/reconcileStepHandlers.js';

/** Reconciliation, step Diff: the pure comparison of the two snapshots, each finding with its repair. */
export const handler = reconcileLambdaHandler(new LambdaRuntime(process.env), 'diff');
