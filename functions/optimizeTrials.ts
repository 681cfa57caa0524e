import { createTrialBatchHandler, optimizerStoreFromEnv } from '../lib/runtime/lambda/optimize/createTrialBatchHandler.js';

/**
 * optimizeTrials, the task of the Optimizer's Distributed Map (deployed when the stack's
 * `optimizer` context flag is on): one batch of parameter sets × walk-forward windows,
 * backtested with the local optimizer's engine and objective, results written to S3.
 */
export const handler = createTrialBatchHandler(optimizerStoreFromEnv(process.env));
