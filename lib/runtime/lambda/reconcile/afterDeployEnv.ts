import * as z from 'zod';
import { parseWith } from '../../../domain/validation.js';
import { LAMBDA_ENV, LOG_LEVELS, type LogLevel } from '../env.js';

/**
 * The after-deploy trigger's environment: the stack writes it from these names. It is not
 * the other functions' environment (no tables, queue or secret: it only starts the state
 * machine), and its fingerprint changes with every function's code and the configuration,
 * so the trigger function itself changes, and CloudFormation runs the trigger again.
 */
export const AFTER_DEPLOY_ENV = {
  BOT_ID: 'BOT_ID',
  RECONCILE_STATE_MACHINE_ARN: LAMBDA_ENV.RECONCILE_STATE_MACHINE_ARN,
  DEPLOY_FINGERPRINT: 'DEPLOY_FINGERPRINT',
  LOG_LEVEL: LAMBDA_ENV.LOG_LEVEL,
} as const;

export interface AfterDeployEnv {
  readonly botId: string;
  readonly stateMachineArn: string;
  readonly fingerprint: string;
  readonly logLevel: LogLevel;
}

const required = z.string({ error: 'is not set' }).min(1, 'is empty');
const AfterDeployVariablesSchema = z.object({
  [AFTER_DEPLOY_ENV.BOT_ID]: required,
  [AFTER_DEPLOY_ENV.RECONCILE_STATE_MACHINE_ARN]: required.startsWith('arn:', 'must be an ARN'),
  [AFTER_DEPLOY_ENV.DEPLOY_FINGERPRINT]: required.regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, - or _'),
  [AFTER_DEPLOY_ENV.LOG_LEVEL]: z.enum(LOG_LEVELS).default('info'),
});

/** Reads and checks the trigger's environment; a missing or invalid variable throws an error naming it. */
export function readAfterDeployEnv(env: NodeJS.ProcessEnv = process.env): AfterDeployEnv {
  const vars = parseWith(AfterDeployVariablesSchema, env, 'environment');
  return {
    botId: vars.BOT_ID,
    stateMachineArn: vars.RECONCILE_STATE_MACHINE_ARN,
    fingerprint: vars.DEPLOY_FINGERPRINT,
    logLevel: vars.LOG_LEVEL,
  };
}
