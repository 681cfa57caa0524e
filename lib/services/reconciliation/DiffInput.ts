import type { ReconciliationSettings } from '../../domain/botConfig.js';
import type { ExchangeSnapshot, LedgerSnapshot } from './snapshots.js';

export type { ReconciliationSettings };

export interface DiffInput {
  readonly botId: string;
  readonly now: number;
  /** An intent younger than this may still be on its way to the venue. */
  readonly graceMs: number;
  /** `<symbol>#<timeframe>` of each series the bot decides: a plan elsewhere has no bot-managed stop checked. */
  readonly decidedSeries: ReadonlySet<string>;
  readonly settings: ReconciliationSettings;
  readonly exchange: ExchangeSnapshot;
  readonly ledger: LedgerSnapshot;
}
