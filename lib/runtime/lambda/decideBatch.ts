import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Candle, Timeframe } from '../../domain/candle.js';
import type { Logger } from '../../ports/Logger.js';
import type { Metrics } from '../../ports/Metrics.js';
import type { DecisionOutcome } from '../decision/CandleDecider.js';
import { parseDecisionRecordBody } from './parseDecisionRecordBody.js';

export interface ChildLogger extends Logger {
  child(bindings: Record<string, unknown>): ChildLogger;
}

export interface DecideBatchDeps {
  readonly decide: (symbol: string, timeframe: Timeframe, candle: Candle) => Promise<DecisionOutcome>;
  /** `<symbol>#<timeframe>` of every series the bot trades. */
  readonly series: ReadonlySet<string>;
  readonly logger: ChildLogger;
  readonly metrics: Metrics;
}

/**
 * A batch from the FIFO decisions queue, in order. A message that fails, malformed or not,
 * is reported for redelivery (and reaches the DLQ after the receive limit), and so is every
 * later message of its group in the batch: a symbol's candles are never decided out of
 * order. Other groups go on.
 */
export async function decideBatch(event: SQSEvent, deps: DecideBatchDeps): Promise<SQSBatchResponse> {
  const failed: string[] = [];
  const blockedGroups = new Set<string>();
  for (const record of event.Records) {
    const group = record.attributes.MessageGroupId ?? record.messageId;
    const log = deps.logger.child({ messageId: record.messageId, group, receiveCount: record.attributes.ApproximateReceiveCount });
    if (blockedGroups.has(group)) {
      log.warn({}, 'held back: an earlier message of its group failed in this batch');
      failed.push(record.messageId);
      continue;
    }
    const parsed = parseDecisionRecordBody(record.body, deps.series);
    if (!parsed.ok) {
      log.error({ reason: parsed.reason }, 'malformed decision message: refused, no order');
      deps.metrics.count('MalformedMessages');
      failed.push(record.messageId);
      blockedGroups.add(group);
      continue;
    }
    const { symbol, timeframe, candle } = parsed.message;
    try {
      const outcome = await deps.decide(symbol, timeframe, candle);
      report(outcome, log.child({ symbol, timeframe, openTime: candle.openTime }), deps.metrics);
    } catch (error) {
      log.error({ symbol, timeframe, openTime: candle.openTime, err: error }, 'decision failed; the message will be delivered again');
      deps.metrics.count('DecisionFailures');
      failed.push(record.messageId);
      blockedGroups.add(group);
    }
  }
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
}

function report(outcome: DecisionOutcome, log: ChildLogger, metrics: Metrics): void {
  if (outcome.kind === 'duplicate') {
    log.info({}, 'already decided: a redelivery, nothing done');
    metrics.count('DuplicateDeliveries');
    return;
  }
  const { record } = outcome;
  if (outcome.kind === 'skipped') {
    log.warn({ reason: record.skipped }, 'decision skipped');
    metrics.count('DecisionsSkipped');
    return;
  }
  metrics.count('Decisions');
  metrics.count('Proposals', record.verdicts.length);
  for (const verdict of record.verdicts) if (verdict.rejection) metrics.count('RiskRejections', 1, { reason: verdict.rejection.code });
  for (const order of record.orders) {
    metrics.count('Orders', 1, { outcome: order.outcome });
    log.info({ planId: order.planId, clientOrderId: order.clientOrderId, leg: order.leg, outcome: order.outcome, reason: order.reason }, 'order');
  }
  metrics.gauge('OpenPlans', record.openPlans);
  log.info({ exits: record.exits.length, proposals: record.verdicts.length, orders: record.orders.length }, 'decided');
}
