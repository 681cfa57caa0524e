
/** The state table's one partition: a decision's whole context comes back from one query of it. */
export const BOT_PARTITION = 'BOT';
export const BOT_STATE_KEY = { pk: BOT_PARTITION, sk: 'STATE' } as const;
export const DAILY_RISK_KEY = { pk: BOT_PARTITION, sk: 'DAILY_RISK' } as const;
export const LIVE_PLAN_PREFIX = 'PLAN#';
export const STOP_OUT_PREFIX = 'STOPOUT#';
/** A series' decision watermark: the open time of its newest committed decision. */
export const DECIDED_PREFIX = 'DECIDED#';

/**
 * The venue hold every function honours (VenueHoldStore): its own partition, so the decision
 * context's one query of BOT never reads it and the roles that write it can be held to it.
 */
export const VENUE_HOLD_KEY = { pk: 'VENUE_HOLD', sk: 'HOLD' } as const;

export const livePlanKey = (planId: string) => ({ pk: BOT_PARTITION, sk: `${LIVE_PLAN_PREFIX}${planId}` });
export const stopOutKey = (symbol: string) => ({ pk: BOT_PARTITION, sk: `${STOP_OUT_PREFIX}${symbol}` });
export const decidedKey = (symbol: string, timeframe: string) => ({ pk: BOT_PARTITION, sk: `${DECIDED_PREFIX}${symbol}#${timeframe}` });

/** Times as 13-digit strings sort as numbers do (until the year 2286). */
export function sortableTime(ms: number): string {
  return String(ms).padStart(13, '0');
}

export const decisionKey = (symbol: string, timeframe: string, candleOpenTime: number) => ({
  pk: `DECISION#${symbol}#${timeframe}`,
  sk: sortableTime(candleOpenTime),
});
export const EQUITY_PARTITION = 'EQUITY';
export const HEARTBEAT_PARTITION = 'HEARTBEAT';
export const ACTION_PARTITION = 'ACTION';
/** Claims of bot actions recorded at most once (recordActionOnce), by their key. */
export const ACTION_ONCE_PARTITION = 'ACTION_ONCE';
/** The telemetry partition of the daily roll-ups; sort key `DAY#<YYYY-MM-DD>`. */
export const STATS_PARTITION = 'STATS';
export const statsKey = (day: string) => ({ pk: STATS_PARTITION, sk: `DAY#${day}` });

export const seriesKey = (symbol: string, timeframe: string) => `${symbol}#${timeframe}`;

export const fillDay = (timestamp: number) => new Date(timestamp).toISOString().slice(0, 10);
export const fillKey = (timestamp: number, fillId: string) => ({ day: fillDay(timestamp), fillKey: `${sortableTime(timestamp)}#${fillId}` });

/** DynamoDB's TTL reads epoch seconds. */
export function expiresAt(now: number, retentionDays: number): number {
  return Math.floor(now / 1000) + Math.round(retentionDays * 86_400);
}
