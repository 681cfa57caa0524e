import type { DecisionRecord, OrderSummary } from '../../domain/decisionRecord.js';
import { storableProposal } from './storableProposal.js';
import type { CandleEvaluation, CandleEvaluationInput } from '../decision/evaluateCandle.js';

const NONE: readonly never[] = Object.freeze([]);

/** The one record a candle leaves behind: inputs in brief, exits, verdicts with reasons, orders. */
export function buildDecisionRecord(
  input: Pick<CandleEvaluationInput, 'botId' | 'symbol' | 'timeframe' | 'candle' | 'now' | 'killSwitch' | 'openPlans' | 'strategyNote'>,
  evaluation: CandleEvaluation,
  orders: readonly OrderSummary[],
  skipped?: string,
): DecisionRecord {
  return {
    botId: input.botId,
    symbol: input.symbol,
    timeframe: input.timeframe,
    candleOpenTime: input.candle.openTime,
    decidedAt: input.now,
    close: input.candle.close,
    killSwitch: input.killSwitch,
    openPlans: input.openPlans.length,
    exits: evaluation.exits.length === 0 ? NONE : evaluation.exits.map(({ exit }) => ({ planId: exit.planId, reason: exit.reason, price: exit.price })),
    verdicts: evaluation.verdicts.length === 0 ? NONE : evaluation.verdicts.map((verdict) => ({ ...verdict, proposal: storableProposal(verdict.proposal) })),
    orders: orders.length === 0 ? NONE : orders,
    skipped,
    ...(input.strategyNote !== undefined ? { strategyNote: input.strategyNote } : {}),
  };
}
