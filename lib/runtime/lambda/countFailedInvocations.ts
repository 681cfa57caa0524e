import type middy from '@middy/core';
import type { Logger as PinoLogger } from 'pino';
import type { Metrics } from '../../ports/Metrics.js';
import { METRIC_NAMES } from './metricNames.js';

export interface FailedInvocationCounting {
  /** The function, named in the log line (the metric has no dimension: one alarm metric for every function). */
  readonly functionName: string;
  /**
   * Count a failed invocation only when it is this many in a row in this execution environment:
   * capture (every minute) rides out a venue's passing trouble, 3 as its old alarm did.
   * @default 1
   */
  readonly consecutive?: number;
}

/**
 * A middy middleware that counts FunctionErrors when the handler throws, and logs which
 * function failed: one metric, and so one alarm metric, for a class of failure every function
 * shares, where a Lambda Errors alarm per function would bill one alarm metric each. Use it
 * after Powertools' logMetrics: middy runs onError in reverse order, so the count is flushed.
 * What never reaches a handler (a timeout, out of memory, a failed init) is heard by the
 * silence alarms (NoDecision, HeartbeatMissing, OldestMessage, DeadLetters).
 */
export function countFailedInvocations<Event, Result>(metrics: Metrics, logger: PinoLogger, counting: FailedInvocationCounting): middy.MiddlewareObj<Event, Result> {
  const needed = counting.consecutive ?? 1;
  let failuresInARow = 0;
  return {
    after: () => {
      failuresInARow = 0;
    },
    onError: (request) => {
      failuresInARow += 1;
      const counted = failuresInARow >= needed;
      if (counted) metrics.count(METRIC_NAMES.functionErrors);
      logger.error({ alarm: 'FunctionErrors', function: counting.functionName, failuresInARow, counted, err: request.error }, `${counting.functionName} failed`);
    },
  };
}
