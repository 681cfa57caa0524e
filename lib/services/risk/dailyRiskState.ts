import type { RiskConfig } from '../../domain/config.js';
import { dec, isDecimalString, type Decimal } from '../../domain/decimal.js';
import { InvalidInputError } from '../../domain/errors.js';
import type { DailyRiskState } from './RiskContext.js';
import { riskFigures } from './riskFigures.js';

const DAY_MS = 86_400_000;
/** The UTC day last asked for: every proposal asks, and nearly always of the same day. */
let lastDay = { start: NaN, end: NaN, name: '' };

/** When the UTC day of `now` ends: the first millisecond of the next. */
export function utcDayEnd(now: number): number {
  return (Math.floor(now / DAY_MS) + 1) * DAY_MS;
}

export function utcDay(now: number): string {
  if (!(now >= lastDay.start && now < lastDay.end)) {
    const start = Math.floor(now / DAY_MS) * DAY_MS;
    lastDay = { start, end: start + DAY_MS, name: new Date(now).toISOString().slice(0, 10) };
  }
  return lastDay.name;
}

/** A state's start equity, checked and parsed once per state object. */
const startEquityOf = new WeakMap<DailyRiskState, Decimal>();

function startEquity(state: DailyRiskState): Decimal {
  let start = startEquityOf.get(state);
  if (start === undefined) {
    if (!isDecimalString(state.startEquity)) {
      throw new InvalidInputError('daily.startEquity', `"${state.startEquity}" is not a decimal string`);
    }
    startEquityOf.set(state, (start = dec(state.startEquity)));
  }
  return start;
}

/** The loss since the day started, and the loss that latches the limit; both in quote. */
export function dailyLoss(state: DailyRiskState, equity: Decimal, config: RiskConfig): { loss: Decimal; limit: Decimal } {
  const start = startEquity(state);
  return { loss: start.minus(equity), limit: start.times(riskFigures(config).dailyLossLimitPct) };
}

/**
 * A later UTC day starts afresh from the current equity; within the day the limit latches
 * and stays hit even if equity recovers. A `now` before the state's day (a clock stepping
 * back) keeps the state rather than clear a latch. With dailyLossLimitPct 0 every day
 * starts latched: no loss is allowed, so no entry is.
 */
export function rollDailyRiskState(state: DailyRiskState | undefined, now: number, equity: Decimal, config: RiskConfig): DailyRiskState {
  if (!equity.isFinite()) throw new InvalidInputError('equity', `${equity.toString()} is not a finite amount`);
  const day = utcDay(now);
  const current = state === undefined || day > state.day ? { day, startEquity: equity.toFixed(), limitHit: false } : state;
  if (current.limitHit) return current;
  const { loss, limit } = dailyLoss(current, equity, config);
  return loss.gte(limit) ? { ...current, limitHit: true } : current;
}
