import type { DecisionRecord, OrderSummary } from '../../domain/decisionRecord.js';
import type { Plan } from '../../domain/plan.js';
import { buildDecisionRecord } from '../telemetry/buildDecisionRecord.js';
import type { CandleEvaluation, CandleEvaluationInput } from './evaluateCandle.js';

const NO_ORDERS: readonly OrderSummary[] = Object.freeze([]);
const NO_PLANS: readonly Plan[] = Object.freeze([]);

/**
 * The outcome of a candle that settled, judged and sent nothing: most candles. Its record
 * is built when first read; a backtest reads only the newest few of millions.
 */
export class QuietDecision {
  readonly kind = 'decided';
  readonly quiet = true;
  readonly settled = NO_PLANS;
  readonly settledFills = 0;
  private built: DecisionRecord | undefined;

  constructor(
    private readonly input: CandleEvaluationInput,
    private readonly evaluation: CandleEvaluation,
  ) {}

  get record(): DecisionRecord {
    return (this.built ??= buildDecisionRecord(this.input, this.evaluation, NO_ORDERS));
  }
}
