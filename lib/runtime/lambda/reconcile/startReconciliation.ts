import { ExecutionAlreadyExists, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { Logger } from '../../../ports/Logger.js';

export type ReconciliationStart =
  | { readonly kind: 'started'; readonly name: string; readonly executionArn: string }
  | { readonly kind: 'alreadyStarted'; readonly name: string }
  | { readonly kind: 'notDeployed'; readonly name: string };

/** Step Functions allows 1-80 characters of letters, digits, `-` and `_` in a name we choose. */
function executionName(...parts: readonly string[]): string {
  return parts.join('-').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
}

/**
 * One name per bot and drift window (`<bot>-drift-<UTC window start, yyyymmddhhmm>`): the
 * heartbeats of one window that find drift start one reconciliation between them; drift
 * still there in the next window starts another.
 */
export function driftExecutionName(botId: string, now: number, windowMs: number): string {
  const start = new Date(Math.floor(now / windowMs) * windowMs).toISOString();
  return executionName(botId, 'drift', start.slice(0, 16).replace(/[-:T]/g, ''));
}

/** One name per kill-switch change event: EventBridge's retries of the event start one execution. */
export function killSwitchExecutionName(botId: string, eventId: string): string {
  return executionName(botId, 'run', eventId);
}

/**
 * One name per deployment (`<bot>-deploy-<fingerprint>-v<trigger version>`), the fingerprint
 * covering every function's code and the configuration: a deploy that changes either
 * publishes a new trigger version and starts one reconciliation however often CloudFormation
 * runs the trigger; one that changes neither starts none.
 */
export function deployExecutionName(botId: string, fingerprint: string, functionVersion: string): string {
  return executionName(botId, 'deploy', fingerprint, `v${functionVersion}`);
}

/**
 * StartExecution of the reconciliation state machine under a deterministic name. A name
 * already used (running with other input, or finished within Step Functions' 90-day
 * window) is `ExecutionAlreadyExists`: that reconciliation is, or was, the one meant, so it
 * is reported and not an error. Same name and input while running returns the running one.
 * Without a deployed state machine, nothing is started and that is logged.
 */
export async function startReconciliation(
  sfn: SFNClient,
  stateMachineArn: string | undefined,
  name: string,
  input: Record<string, unknown>,
  logger: Logger,
): Promise<ReconciliationStart> {
  if (stateMachineArn === undefined) {
    logger.warn({ execution: name, input }, 'reconciliation is not deployed (RECONCILE_STATE_MACHINE_ARN unset): nothing started');
    return { kind: 'notDeployed', name };
  }
  try {
    const result = await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    logger.info({ execution: name, executionArn: result.executionArn, input }, 'reconciliation started');
    return { kind: 'started', name, executionArn: result.executionArn ?? '' };
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
    logger.info({ execution: name }, 'reconciliation already started under this name');
    return { kind: 'alreadyStarted', name };
  }
}
