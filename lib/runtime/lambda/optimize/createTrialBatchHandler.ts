import { S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '../../../adapters/s3/S3ObjectStore.js';
import { InvalidInputError } from '../../../domain/errors.js';
import type { ObjectStore } from '../../../ports/ObjectStore.js';
import { RunDataCache, runTrialBatch } from '../../optimize/distributed/runTrialBatch.js';
import type { TrialBatchAnswer } from '../../optimize/distributed/trialBatch.js';

/** The optimizer's bucket, set by the Optimizer construct on its function. */
export const OPTIMIZER_BUCKET_ENV = 'OPTIMIZER_BUCKET';

/** The object store the deployed function uses: the bucket its environment names. */
export function optimizerStoreFromEnv(env: Readonly<Record<string, string | undefined>>): ObjectStore {
  const bucket = env[OPTIMIZER_BUCKET_ENV];
  if (bucket === undefined || bucket === '') throw new InvalidInputError(OPTIMIZER_BUCKET_ENV, 'is not set (the Optimizer construct sets it)');
  return new S3ObjectStore(new S3Client({ maxAttempts: 4 }), bucket);
}

/**
 * The Distributed Map's task: one item (a batch of parameter sets × windows) in, its
 * result written to the store, a small answer out. The run's candles stay decoded between
 * invocations of a warm function.
 */
export function createTrialBatchHandler(store: ObjectStore): (event: unknown) => Promise<TrialBatchAnswer> {
  const cache = new RunDataCache();
  return (event) => runTrialBatch(store, event, cache);
}
