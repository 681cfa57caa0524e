import type { BotConfig } from '../lib/domain/botConfig.js';

/**
 * Each scheduled or queued function's timeout in seconds, shared by the stack (TraderFunctions)
 * and the local runtime's Lambda contexts. No CDK import here, so the local runtime loads it
 * without aws-cdk-lib.
 */
export function functionTimeoutSeconds(config: Pick<BotConfig, 'schedules' | 'decide'>) {
  return {
    // A capture ends before the next one starts.
    capture: Math.min(config.schedules.captureMinutes * 60 - 10, 300),
    decide: config.decide.timeoutSeconds,
    heartbeat: 60,
    maintenance: 300,
  } as const;
}
