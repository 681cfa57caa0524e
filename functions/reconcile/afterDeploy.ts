import { SFNClient } from '@aws-sdk/client-sfn';
import type { Context } from 'aws-lambda';
import type { ReconciliationStart } from '../../lib/ports/ReconciliationStarter.js';
import { reconcileAfterDeploy } from '../../lib/runtime/lambda/reconcile/afterDeploy.js';
import { readAfterDeployEnv } from '../../lib/runtime/lambda/reconcile/afterDeployEnv.js';
import { createLogger } from '../../lib/runtime/lambda/createLogger.js';
import { METRICS_SERVICE_NAME } from '../../lib/runtime/lambda/metricNames.js';

const env = readAfterDeployEnv(process.env);
const logger = createLogger({ service: METRICS_SERVICE_NAME, level: env.logLevel }).child({ trigger: 'afterDeploy' });
const sfn = new SFNClient({ maxAttempts: 4 });

/**
 * Run by the stack's CDK trigger after every deployment that changed a function or the
 * configuration: starts the reconciliation state machine. A thrown error fails the deploy.
 */
export const handler = (_event: unknown, context: Context): Promise<ReconciliationStart> => reconcileAfterDeploy(sfn, env, logger, context.functionVersion);
