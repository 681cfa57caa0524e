import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddyfiedHandler } from '@middy/core';
import type { Context } from 'aws-lambda';
import { DynamoDbCandleStore } from '../../../adapters/dynamodb/DynamoDbCandleStore.js';
import { SqsDecisionQueue } from '../../../adapters/sqs/SqsDecisionQueue.js';
import type { LambdaRuntime } from '../LambdaRuntime.js';
import { countFailedInvocations } from '../countFailedInvocations.js';
import { CaptureFailedError, type CaptureSummary, captureClosedCandles } from './captureClosedCandles.js';
import { correlationId } from './correlationId.js';

export type CaptureHandler = MiddyfiedHandler<unknown, CaptureSummary>;

/**
 * The capture function: every configured series captured once per scheduled run (see
 * `captureClosedCandles`). The event's fields are not read, except an id to correlate the
 * run's log lines. A run with a failed series throws once every series has been tried,
 * naming them; three failed runs in a row count FunctionErrors, which alarms.
 */
export function createCaptureHandler(runtime: LambdaRuntime): CaptureHandler {
  const { config } = runtime;
  const store = new DynamoDbCandleStore({ client: runtime.dynamo, tables: runtime.env.tableNames, retentionDays: config.retentionDays.market });
  const queue = new SqsDecisionQueue({ client: runtime.sqs, queueUrl: runtime.env.decisionQueueUrl, logger: runtime.logger });
  const paper = config.mode === 'paper' ? runtime.paperVenue() : undefined;

  const capture = async (event: unknown, context: Context): Promise<CaptureSummary> => {
    const logger = runtime.logger.child({ correlationId: correlationId(event, context.awsRequestId) });
    const marketData = await runtime.marketData().catch((error: unknown) => {
      logger.error({ err: error }, 'no market data client: nothing captured');
      throw error;
    });
    const summary = await captureClosedCandles({
      symbols: config.symbols,
      marketData,
      store,
      queue,
      ...(paper ? { paper } : {}),
      clock: runtime.clock,
      logger,
      historyCandles: config.windowSize,
    });
    if (summary.failed.length > 0) throw new CaptureFailedError(summary.failed);
    return summary;
  };
  return middy<unknown, CaptureSummary>()
    .use(logMetrics(runtime.powertoolsMetrics))
    .use(countFailedInvocations(runtime.metrics, runtime.logger, { functionName: 'capture', consecutive: 3 }))
    .use(runtime.pendingWrites.middleware())
    .handler(capture);
}
