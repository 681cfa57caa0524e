import type { SFNClient } from '@aws-sdk/client-sfn';
import type { ReconcileExecutionInput } from './reconcileSteps.js';
import type { Logger } from '../../../ports/Logger.js';
import { type AfterDeployEnv } from './afterDeployEnv.js';
import type { ReconciliationStart } from '../../../ports/ReconciliationStarter.js';
import { startReconciliation } from '../../../adapters/sfn/startReconciliation.js';
import { deployExecutionName } from './executionNames.js';

const DEPLOY_INPUT: ReconcileExecutionInput = { reason: 'deploy' };

/**
 * Starts the reconciliation a deployment owes, under the deployment's own name
 * (`<bot>-deploy-<fingerprint>-v<trigger function version>`): CloudFormation may run the
 * trigger more than once for one deployment, and ExecutionAlreadyExists then means it has
 * started already. The version is new with every deployment that runs the trigger, so going
 * back to an earlier code and configuration (same fingerprint) within Step Functions' 90-day
 * memory of names still reconciles.
 *
 * Any other failure is thrown, and fails the deployment: CloudFormation rolls the stack
 * back to the code and configuration the ledger was last reconciled under. A failed deploy
 * is seen at once; new code trading on a ledger nobody checked is seen only when it costs.
 * Only the start is awaited, not the reconciliation (up to 15 minutes): its outcome is the
 * bot's state, and a HALTED bot raises the BotHalted alarm.
 */
export function reconcileAfterDeploy(sfn: SFNClient, env: AfterDeployEnv, logger: Logger, functionVersion: string): Promise<ReconciliationStart> {
  const name = deployExecutionName(env.botId, env.fingerprint, functionVersion);
  return startReconciliation(sfn, env.stateMachineArn, name, { ...DEPLOY_INPUT }, logger);
}
