import type { Plan } from '../../lib/domain/plan.js';

/** Open time of the candle that proposed the fixture plan: 2018-01-20 05:00 UTC. */
export const PLAN_CANDLE_OPEN_TIME = Date.UTC(2018, 0, 20, 5, 0);
/** The entry filled as the next candle opened. */
export const PLAN_OPENED_AT = PLAN_CANDLE_OPEN_TIME + 60_000;

/**
 * An open long ETH/BTC plan: entry filled at 0.1, stop 0.095, target 0.11, as the
 * execution service leaves it after the entry fill (activeStop = stop, watermark = entry).
 */
export function aPlan(overrides: Partial<Plan> = {}): Plan {
  return {
    id: 'test-plan0001',
    botId: 'test',
    symbol: 'ETH/BTC',
    timeframe: '1m',
    strategy: 'ema-crossover',
    side: 'long',
    status: 'open',
    reason: 'fixture',
    candleOpenTime: PLAN_CANDLE_OPEN_TIME,
    createdAt: PLAN_OPENED_AT,
    updatedAt: PLAN_OPENED_AT,
    version: 3,
    entry: '0.1',
    stop: '0.095',
    target: '0.11',
    amount: '1',
    activeStop: '0.095',
    highWatermark: '0.1',
    entryAttempt: 0,
    exitAttempt: 0,
    openedAt: PLAN_OPENED_AT,
    filledAmount: '1',
    avgEntryPrice: '0.1',
    ...overrides,
  };
}
