import { ExecutionAlreadyExists, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { Logger } from '../../ports/Logger.js';
import type { ReconciliationStart } from '../../ports/ReconciliationStarter.js';

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
