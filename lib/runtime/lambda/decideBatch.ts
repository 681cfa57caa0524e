import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Candle, Timeframe } from '../../domain/candle.js';
import { findCandleTimingProblem } from '../../domain/candleTiming.js';
import type { Plan } from '../../domain/plan.js';
import type { Clock } from '../../ports/Clock.js';
import type { Logger } from '../../ports/Logger.js';
import type { Metrics } from '../../ports/Metrics.js';
import type { DecisionOutcome } from '../../services/decision/DecisionCycle.js';
import { METRIC_NAMES } from './metricNames.js';
import { parseDecisionRecordBody } from './parseDecisionRecordBody.js';
import { closedPlanLogFields } from './closedPlanLogFields.js';

export interface ChildLogger extends Logger {
  child(bindings: Record<string, unknown>): ChildLogger;
}

export interface DecideBatchDeps {
  readonly decide: (symbol: string, timeframe: Timeframe, candle: Candle) => Promise<DecisionOutcome>;
  /** `<symbol>#<timeframe>` of every series the bot trades. */
  readonly series: ReadonlySet<string>;
  readonly logger: ChildLogger;
  readonly metrics: Metrics;
  readonly clock: Clock;
}

/**
 * A batch from the FIFO decisions queue, in order. A message that fails, malformed or not,
 * is reported for redelivery (and reaches the DLQ after the receive limit), and so is every
 * later message of its group in the batch: a symbol's candles are never decided out of
 * order. Other groups go on. A candle off its timeframe's grid, or one that has not closed
 * yet, is refused so, undecided: it reaches the DLQ, or is decided once it has closed.
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
      failed.push(record.messageId);
      blockedGroups.add(group);
      continue;
    }
    const { symbol, timeframe, candle } = parsed.message;
    const timingProblem = findCandleTimingProblem(timeframe, candle.openTime, deps.clock.now());
    if (timingProblem !== undefined) {
      log.error({ symbol, timeframe, openTime: candle.openTime, reason: timingProblem }, 'candle refused: not decided, no order');
      deps.metrics.count(METRIC_NAMES.decisionFailures);
      failed.push(record.messageId);
      blockedGroups.add(group);
      continue;
    }
    try {
      const outcome = await deps.decide(symbol, timeframe, candle);
      report(outcome, log.child({ symbol, timeframe, openTime: candle.openTime }), deps.metrics);
    } catch (error) {
      log.error({ symbol, timeframe, openTime: candle.openTime, err: error }, 'decision failed; the message will be delivered again');
      deps.metrics.count(METRIC_NAMES.decisionFailures);
      failed.push(record.messageId);
      blockedGroups.add(group);
    }
  }
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
}

function report(outcome: DecisionOutcome, log: ChildLogger, metrics: Metrics): void {
  if (outcome.kind === 'duplicate') {
    log.info({}, 'already decided: a redelivery, nothing done');
    return;
  }
  const { record } = outcome;
  metrics.count(METRIC_NAMES.decisions);
  if (outcome.kind === 'skipped') {
    log.warn({ reason: record.skipped }, 'decision skipped');
    return;
  }
  countIfAny(metrics, METRIC_NAMES.proposals, record.verdicts.length);
  let rejections = 0;
  for (const verdict of record.verdicts) {
    if (!verdict.rejection) continue;
    rejections += 1;
    log.info({ reason: verdict.rejection.code, rejection: verdict.rejection, proposal: proposalReason(verdict.proposal) }, 'risk rejection');
  }
  countIfAny(metrics, METRIC_NAMES.riskRejections, rejections);
  countIfAny(metrics, METRIC_NAMES.orders, record.orders.length);
  let stopGaps = 0;
  for (const order of record.orders) {
    if (order.unprotectedMs !== undefined) stopGaps += 1;
    log.info({ planId: order.planId, clientOrderId: order.clientOrderId, leg: order.leg, side: order.side, amount: order.amount, outcome: order.outcome, reason: order.reason, unprotectedMs: order.unprotectedMs }, 'order');
  }
  countIfAny(metrics, METRIC_NAMES.stopGaps, stopGaps);
  countIfAny(metrics, METRIC_NAMES.fills, outcome.settledFills);
  reportClosed(outcome.settled, log, metrics);
  log.info({ exits: record.exits.length, proposals: record.verdicts.length, orders: record.orders.length, openPlans: record.openPlans }, 'decided');
}

function reportClosed(settled: readonly Plan[], log: ChildLogger, metrics: Metrics): void {
  for (const plan of settled) {
    if (plan.status !== 'closed') continue;
    // The metric is a graph; the exact figure is the plan's, in the log line and the ledger.
    const pnl = Number(plan.realizedPnl ?? '0');
    metrics.gauge(METRIC_NAMES.realizedPnl, pnl);
    log.info(closedPlanLogFields(plan), 'plan closed');
  }
}

/** Event counts are sent only when non-zero: each metric is billed by the hours it receives data. */
function countIfAny(metrics: Metrics, name: string, value: number): void {
  if (value > 0) metrics.count(name, value);
}

/** A strategy may hand back anything, null included: the log line must not be what fails the decision. */
function proposalReason(proposal: unknown): unknown {
  return proposal !== null && typeof proposal === 'object' ? (proposal as { reason?: unknown }).reason : undefined;
}
