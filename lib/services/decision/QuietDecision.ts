import type { DecisionRecord, OrderSummary } from '../../domain/decisionRecord.js';
import type { Plan } from '../../domain/plan.js';
import { buildDecisionRecord } from '../telemetry/buildDecisionRecord.js';
import type { Candle, Timeframe } from '../../domain/candle.js';
import { type CandleEvaluation, type CandleEvaluationInput, NOTHING } from './evaluateCandle.js';

const NO_ORDERS: readonly OrderSummary[] = Object.freeze([]);
export const NO_PLANS: readonly Plan[] = Object.freeze([]);

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

/**
 * The record of a candle decided quiet ahead of the cycle (QuietReplay.decideRun and
 * decideCandle): the bot ACTIVE under RUN, nothing settled, moved or proposed. Built when
 * first read, as QuietDecision's.
 */
export class QuietRunRecord {
  private built: DecisionRecord | undefined;

  constructor(
    private readonly botId: string,
    private readonly symbol: string,
    private readonly timeframe: Timeframe,
    private readonly candle: Candle,
    private readonly now: number,
    private readonly openPlans: readonly Plan[] = NO_PLANS,
  ) {}

  get record(): DecisionRecord {
    const { botId, symbol, timeframe, candle, now, openPlans } = this;
    return (this.built ??= buildDecisionRecord({ botId, symbol, timeframe, candle, now, killSwitch: 'RUN', openPlans }, NOTHING, NO_ORDERS));
  }
}
