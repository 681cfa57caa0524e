import { join } from 'node:path';
import { RECONCILE_STEPS } from '../lib/runtime/lambda/reconcile/reconcileSteps.js';
import { FUNCTION_NAMES, type FunctionName } from './constructs/TraderFunctions.js';

/** The functions under functions/reconcile/: one per state machine step, and the after-deploy trigger's. */
export const RECONCILE_FUNCTION_NAMES = [...RECONCILE_STEPS, 'afterDeploy'] as const;
export type ReconcileFunctionName = (typeof RECONCILE_FUNCTION_NAMES)[number];

/** Deployed when config/bot.json has `notifications` (the webhook: with `allowedChatIds`). */
export const NOTIFY_FUNCTION_NAMES = ['notifier', 'telegramWebhook'] as const;
export type NotifyFunctionName = (typeof NOTIFY_FUNCTION_NAMES)[number];

/** Deployed when the stack's `optimizer` context flag is on (the Optimizer construct). */
export const OPTIMIZE_FUNCTION_NAMES = ['optimizeTrials'] as const;
export type OptimizeFunctionName = (typeof OPTIMIZE_FUNCTION_NAMES)[number];

/** Deployed when the stack's `retrain` context flag is set (the Retrainer construct). */
export const RETRAIN_FUNCTION_NAMES = ['retrain'] as const;
export type RetrainFunctionName = (typeof RETRAIN_FUNCTION_NAMES)[number];

/** The handler file of every function the stack deploys. */
export type FunctionEntries = Readonly<Record<FunctionName | ReconcileFunctionName, string>> & Readonly<Partial<Record<NotifyFunctionName | OptimizeFunctionName | RetrainFunctionName, string>>>;

/** `<dir>/<name>.ts` for the trader functions, `<dir>/reconcile/<name>.ts` for reconciliation's. */
export function functionEntries(functionsDir: string): FunctionEntries {
  return Object.fromEntries([
    ...FUNCTION_NAMES.map((name) => [name, join(functionsDir, `${name}.ts`)]),
    ...RECONCILE_FUNCTION_NAMES.map((name) => [name, join(functionsDir, 'reconcile', `${name}.ts`)]),
    ...NOTIFY_FUNCTION_NAMES.map((name) => [name, join(functionsDir, `${name}.ts`)]),
    ...OPTIMIZE_FUNCTION_NAMES.map((name) => [name, join(functionsDir, `${name}.ts`)]),
    ...RETRAIN_FUNCTION_NAMES.map((name) => [name, join(functionsDir, `${name}.ts`)]),
  ]) as Record<FunctionName | ReconcileFunctionName | NotifyFunctionName | OptimizeFunctionName | RetrainFunctionName, string>;
}
