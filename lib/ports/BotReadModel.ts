import type { BotActionRecord } from '../domain/botView.js';
import type { BotState } from '../domain/botState.js';
import type { DailyStats } from '../domain/dailyStats.js';
import type { EquitySnapshot } from '../domain/equitySnapshot.js';
import type { Plan } from '../domain/plan.js';

/** What the bot's views read (Telegram's commands and `npm run status`): reads only. */
export interface BotReadModel {
  botState(): Promise<BotState>;
  livePlans(): Promise<readonly Plan[]>;
  /** Each configured symbol's latest stored price (the captured quote's last, else the newest close). */
  latestPrices(): Promise<ReadonlyMap<string, string>>;
  latestEquity(): Promise<EquitySnapshot | undefined>;
  /** Every daily roll-up kept, oldest first. */
  dailyStats(): Promise<readonly DailyStats[]>;
  /** Closed plans of every configured symbol closed (last updated) at or after `since`. */
  closedPlansSince(since: number): Promise<readonly Plan[]>;
  /** The newest bot actions first, at most `limit`. */
  recentActions(limit: number): Promise<readonly BotActionRecord[]>;
}
