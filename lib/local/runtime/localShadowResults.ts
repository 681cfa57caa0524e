import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbShadowStore } from '../../adapters/dynamodb/DynamoDbShadowStore.js';
import type { TableNames } from '../../adapters/dynamodb/tableDefinitions.js';
import type { BotConfig } from '../../domain/botConfig.js';
import { sum, toDecimalString } from '../../domain/decimal.js';
import type { ShadowResult } from '../../runtime/backtest/report/BacktestResult.js';
import { shadowOnlyConfig } from '../../runtime/backtest/shadowOnly.js';
import { toClosedTrade } from '../../runtime/backtest/toClosedTrade.js';
import { ShadowVenue } from '../../runtime/shadow/ShadowVenue.js';
import { scoreCalibration } from '../../services/calibration/scoreCalibration.js';
import { equityOf } from '../../services/portfolio/valueEquity.js';

/** More resolved plans than a local run makes: the report counts every one. */
const ALL_RESOLVED = 1_000_000;

export interface LocalShadowFacts {
  /** The live book's: a shadow starting from the same balances starts from the same equity. */
  readonly startingEquity: string;
  readonly quoteCurrency: string;
  /** Each traded symbol's price at the start of the run: what `shadowBalances`, when set apart, start worth. */
  readonly startPrices: ReadonlyMap<string, number>;
  /** Each traded symbol's price at the end of the run: what a shadow's holdings are worth. */
  readonly prices: ReadonlyMap<string, number>;
}

/**
 * Each shadow's virtual book of a local run, as the backtest reports it beside the live book:
 * its resolved plans and its venue's balances, read from the shadow table (the shadow "main"
 * too, in a shadow-only run). A shadow that never opened a plan has no stored book: it made no
 * trade and holds its starting balances.
 */
export async function localShadowResults(client: DynamoDBDocumentClient, tables: TableNames, config: BotConfig, facts: LocalShadowFacts): Promise<ShadowResult[]> {
  const shadows = config.mode === 'shadow' ? shadowOnlyConfig(config).shadow : config.shadow;
  if (shadows.length === 0) return [];
  const store = new DynamoDbShadowStore({ client, tableName: tables.shadow, retentionDays: config.retentionDays.shadow });
  const books = await store.loadBooks();
  const startingBalances = config.shadowBalances ?? config.paperBalances ?? {};
  const valued = (venue: ShadowVenue, prices: ReadonlyMap<string, number>) => toDecimalString(equityOf(venue.fetchBalances(), prices, facts.quoteCurrency, prices.keys()).equity);
  const venueOf = (id: string) =>
    // Only stored balances are read: the venue asks nothing of a market here.
    new ShadowVenue({
      marketOf: (symbol) => Promise.reject(new Error(`no market lookup while reading shadow ${id}'s balances (${symbol})`)),
      startingBalances,
      slippagePct: config.execution.paperSlippagePct,
    });
  const startingEquity = config.shadowBalances === undefined ? facts.startingEquity : valued(venueOf('start'), facts.startPrices);
  return Promise.all(
    shadows.map(async (shadow): Promise<ShadowResult> => {
      const book = books.get(shadow.id);
      const resolved = book === undefined ? [] : await store.resolvedPlans(shadow.id, ALL_RESOLVED);
      const closed = resolved.filter((plan) => plan.status === 'closed').sort((a, b) => (a.closedAt ?? a.updatedAt) - (b.closedAt ?? b.updatedAt));
      const trades = closed.map(toClosedTrade);
      const venue = venueOf(shadow.id);
      venue.restore(book?.venue, `BOOK/${shadow.id}`);
      const finalEquity = book === undefined ? startingEquity : valued(venue, facts.prices);
      return {
        id: shadow.id,
        strategy: shadow.strategy,
        trades,
        openPlans: book?.ledger.livePlans.length ?? 0,
        startingEquity,
        finalEquity,
        realizedPnl: toDecimalString(sum(trades.map((t) => t.realizedPnl))),
        calibration: scoreCalibration(closed, ALL_RESOLVED),
      };
    }),
  );
}
