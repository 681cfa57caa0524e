import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddyfiedHandler } from '@middy/core';
import type { Context } from 'aws-lambda';
import { DynamoDbCandleStore } from '../../../adapters/dynamodb/DynamoDbCandleStore.js';
import { createS3Client } from '../../../adapters/s3/createS3Client.js';
import { S3ObjectStore } from '../../../adapters/s3/S3ObjectStore.js';
import { InvalidInputError } from '../../../domain/errors.js';
import { SsmRuntimeConfigDocument } from '../../../adapters/ssm/SsmRuntimeConfigDocument.js';
import { correlationId } from '../capture/correlationId.js';
import { LAMBDA_ENV } from '../env.js';
import type { LambdaRuntime } from '../LambdaRuntime.js';
import type { ModelCard } from '../../../strategy/model/modelCard.js';
import { liveLabelRule } from '../../retrain/liveLabelRule.js';
import { type RetrainOutcome, retrainChallenger } from '../../retrain/retrainChallenger.js';
import { verifyCheckpoint } from '../../retrain/verifyCheckpoint.js';

interface ValidationSummary {
  readonly samples: number;
  readonly brier: number;
  readonly logLoss: number;
  readonly auc: number | null;
}

/** What an invocation returns (and logs): the challenger written, or why none was. */
export type RetrainSummary =
  | { readonly kind: 'challenger'; readonly checkpoint: string; readonly candles: number; readonly validation: ValidationSummary }
  | { readonly kind: 'refused'; readonly reason: string; readonly candles: number; readonly validation?: ValidationSummary };

function summarize(outcome: RetrainOutcome): RetrainSummary {
  const validation = (card: ModelCard): ValidationSummary => ({ samples: card.validation.samples, brier: card.validation.brier, logLoss: card.validation.logLoss, auc: card.validation.auc });
  if (outcome.kind === 'challenger') return { kind: 'challenger', checkpoint: outcome.checkpoint, candles: outcome.candles, validation: validation(outcome.card) };
  return { kind: 'refused', reason: outcome.reason, candles: outcome.candles, ...(outcome.card !== undefined ? { validation: validation(outcome.card) } : {}) };
}

export type RetrainHandler = MiddyfiedHandler<unknown, RetrainSummary>;

/**
 * The retrain function, on its schedule (`-c retrain=weekly`): the retrain job over the
 * market table's candles, its checkpoint written to the checkpoint bucket and its shadow
 * entry to the runtime-config parameter. A refused challenger is a normal outcome (logged,
 * nothing written); an error fails the invocation, which the stack alarms on. Running it
 * twice over the same candles writes the same key and the same entry again.
 */
export function createRetrainHandler(runtime: LambdaRuntime): RetrainHandler {
  const { config, env } = runtime;
  if (env.checkpointBucket === undefined) throw new InvalidInputError(`environment: ${LAMBDA_ENV.CHECKPOINT_BUCKET}`, 'is not set: no checkpoint bucket was deployed (-c retrain=weekly)');
  // The one function that writes checkpoints carries the S3 client; decide reads them by a signed GET (LambdaRuntime.checkpointFetcher).
  const checkpoints = new S3ObjectStore(createS3Client(runtime.s3Override), env.checkpointBucket);
  const retrain = async (event: unknown, context: Context): Promise<RetrainSummary> => {
    const logger = runtime.logger.child({ correlationId: correlationId(event, context.awsRequestId) });
    const fetchCheckpoint = runtime.checkpointFetcher();
    const runtimeConfig = new SsmRuntimeConfigDocument(runtime.ssm, env.runtimeConfigParameter, { risk: config.risk, strategy: config.strategy });
    const live = await runtimeConfig.read();
    const rule = await liveLabelRule(live.strategy, fetchCheckpoint);
    const outcome = await retrainChallenger({
      candles: new DynamoDbCandleStore({ client: runtime.dynamo, tables: env.tableNames, retentionDays: config.retentionDays.market }),
      symbols: config.symbols,
      checkpoints,
      runtimeConfig,
      deployedShadows: config.shadow,
      settings: config.retrain,
      ...(rule !== undefined ? { rule } : {}),
      now: runtime.clock.now(),
      verify: (checkpoint) => verifyCheckpoint(checkpoint, fetchCheckpoint),
    });
    const summary = summarize(outcome);
    if (outcome.kind === 'challenger') logger.info(summary, 'retrain: challenger written and running as the shadow "challenger"; npm run promote compares and swaps');
    else logger.warn(summary, `retrain: no challenger: ${outcome.reason}`);
    return summary;
  };
  return middy<unknown, RetrainSummary>().use(logMetrics(runtime.powertoolsMetrics)).handler(retrain);
}
