import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../../lib/domain/decimal.js';
import { InvalidInputError } from '../../../../lib/domain/errors.js';
import { rollDailyRiskState, utcDay } from '../../../../lib/services/risk/dailyRiskState.js';
import type { DailyRiskState } from '../../../../lib/services/risk/RiskContext.js';
import { riskConfig } from './riskFixtures.js';

const config = riskConfig({ dailyLossLimitPct: 0.03 });
const MARCH_1_NOON = Date.UTC(2024, 2, 1, 12, 0, 0);
const today: DailyRiskState = { day: '2024-03-01', startEquity: '1', limitHit: false };

describe('Function: utcDay', () => {
  it('names the UTC calendar day', () => {
    expect(utcDay(Date.UTC(2024, 2, 1, 23, 59, 59, 999))).toBe('2024-03-01');
    expect(utcDay(Date.UTC(2024, 2, 2, 0, 0, 0))).toBe('2024-03-02');
  });
});

describe('Function: rollDailyRiskState', () => {
  it('starts the first day from the current equity', () => {
    const state = rollDailyRiskState(undefined, MARCH_1_NOON, new Decimal('2.5'), config);

    expect(state).toEqual({ day: '2024-03-01', startEquity: '2.5', limitHit: false });
  });

  it('returns the same object while the day goes on without hitting the limit', () => {
    const state = rollDailyRiskState(today, MARCH_1_NOON, new Decimal('0.98'), config);

    expect(state).toBe(today);
  });

  it('latches the limit when the loss reaches it exactly', () => {
    const state = rollDailyRiskState(today, MARCH_1_NOON, new Decimal('0.97'), config);

    expect(state).toEqual({ day: '2024-03-01', startEquity: '1', limitHit: true });
  });

  it('keeps the limit latched after equity recovers within the day', () => {
    const hit = rollDailyRiskState(today, MARCH_1_NOON, new Decimal('0.96'), config);

    const later = rollDailyRiskState(hit, MARCH_1_NOON + 3_600_000, new Decimal('1.2'), config);

    expect(later).toBe(hit);
    expect(later.limitHit).toBe(true);
  });

  it('rolls to a fresh state at 00:00 UTC and resets the latch', () => {
    const hit: DailyRiskState = { day: '2024-03-01', startEquity: '1', limitHit: true };

    const lastMs = rollDailyRiskState(hit, Date.UTC(2024, 2, 1, 23, 59, 59, 999), new Decimal('0.9'), config);
    const midnight = rollDailyRiskState(hit, Date.UTC(2024, 2, 2, 0, 0, 0), new Decimal('0.9'), config);

    expect(lastMs).toBe(hit);
    expect(midnight).toEqual({ day: '2024-03-02', startEquity: '0.9', limitHit: false });
  });

  it('keeps a latched state when the clock steps back to an earlier day', () => {
    const hit: DailyRiskState = { day: '2024-03-02', startEquity: '1', limitHit: true };

    expect(rollDailyRiskState(hit, MARCH_1_NOON, new Decimal('1'), config)).toBe(hit);
  });

  it('starts every day latched when no daily loss is allowed', () => {
    const state = rollDailyRiskState(undefined, MARCH_1_NOON, new Decimal('1'), riskConfig({ dailyLossLimitPct: 0 }));

    expect(state.limitHit).toBe(true);
  });

  it('throws on a stored start equity that is not a decimal string', () => {
    const corrupt: DailyRiskState = { day: '2024-03-01', startEquity: 'abc', limitHit: false };

    expect(() => rollDailyRiskState(corrupt, MARCH_1_NOON, new Decimal('1'), config)).toThrow(InvalidInputError);
  });

  it('throws on an equity that is not finite', () => {
    expect(() => rollDailyRiskState(today, MARCH_1_NOON, new Decimal(NaN), config)).toThrow(InvalidInputError);
  });
});
