import type { DailyStats } from '../domain/dailyStats.js';
import type { DecisionRecord } from '../domain/decisionRecord.js';
import type { EquitySnapshot } from '../domain/equitySnapshot.js';
import type { Timeframe } from '../domain/candle.js';

/** Decision records, equity snapshots, heartbeats, bot actions and daily statistics; each expires in time. */
export interface TelemetryStore {
  /** For a decision that changed nothing else; the first record of a candle is kept (DecisionAlreadyRecordedError). */
  recordDecision(decision: DecisionRecord): Promise<void>;
  getDecision(symbol: string, timeframe: string, candleOpenTime: number): Promise<Record<string, unknown> | undefined>;
  /** `decidedAt` of the series' newest decision record, if any. */
  latestDecisionAt(symbol: string, timeframe: Timeframe): Promise<number | undefined>;
  putEquitySnapshot(snapshot: EquitySnapshot): Promise<void>;
  latestEquitySnapshot(): Promise<EquitySnapshot | undefined>;
  putHeartbeat(time: number, health: Record<string, unknown>): Promise<void>;
  latestHeartbeat(): Promise<Record<string, unknown> | undefined>;
  /** Something the bot did outside a decision (halted, reconciled, flattened), with why. */
  recordAction(time: number, action: string, details: Record<string, unknown>): Promise<void>;
  /**
   * A bot action recorded at most once for `onceKey` (a retried step writes the same key):
   * true when recorded now, false when a record with that key already exists.
   */
  recordActionOnce(time: number, action: string, onceKey: string, details: Record<string, unknown>): Promise<boolean>;
  /** One day's roll-up, replacing that day's earlier one; `now` is when it was rolled up. */
  putDailyStats(stats: DailyStats, now: number): Promise<void>;
}
