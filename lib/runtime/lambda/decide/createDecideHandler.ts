import middy from '@middy/core';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { decideBatch } from '../decideBatch.js';
import type { LambdaRuntime } from '../LambdaRuntime.js';
import { countFailedInvocations } from '../countFailedInvocations.js';
import { RuntimeDecider } from './RuntimeDecider.js';

/**
 * decide: a batch from the FIFO decisions queue, each message validated and decided in
 * its group's order, failures reported per message (ReportBatchItemFailures).
 */
export function createDecideHandler(runtime: LambdaRuntime) {
  const decider = new RuntimeDecider(runtime);
  const series = new Set(runtime.config.symbols.map(({ symbol, timeframe }) => `${symbol}#${timeframe}`));
  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(logMetrics(runtime.powertoolsMetrics))
    // A whole batch that throws; one message's failure is reported per item and counted as DecisionFailures.
    .use(countFailedInvocations(runtime.metrics, runtime.logger, { functionName: 'decide' }))
    .use(runtime.pendingWrites.middleware())
    .handler((event, context) =>
      decideBatch(event, {
        decide: (symbol, timeframe, candle) => decider.decide(symbol, timeframe, candle),
        series,
        logger: runtime.logger.child({ requestId: context.awsRequestId, function: 'decide' }),
        metrics: runtime.metrics,
        clock: runtime.clock,
      }),
    );
}
