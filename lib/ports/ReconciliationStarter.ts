import type { Logger } from './Logger.js';

export type ReconciliationStart =
  | { readonly kind: 'started'; readonly name: string; readonly executionArn: string }
  | { readonly kind: 'alreadyStarted'; readonly name: string }
  | { readonly kind: 'notDeployed'; readonly name: string };

/** Starts the reconciliation state machine under a name of ours; a name used before starts nothing new. */
export type StartReconciliation = (name: string, input: Record<string, unknown>, logger: Logger) => Promise<ReconciliationStart>;
