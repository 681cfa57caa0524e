import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbCandleStore } from '../../../lib/adapters/dynamodb/DynamoDbCandleStore.js';
import { DynamoDbLedgerStore } from '../../../lib/adapters/dynamodb/DynamoDbLedgerStore.js';
import { DynamoDbShadowStore } from '../../../lib/adapters/dynamodb/DynamoDbShadowStore.js';
import type { TableNames } from '../../../lib/adapters/dynamodb/tableDefinitions.js';
import type { Fill, Order } from '../../../lib/domain/order.js';
import type { Plan } from '../../../lib/domain/plan.js';
import { buildEntryIntent } from '../../../lib/services/execution/buildIntent.js';
import { utcDay } from '../../../lib/services/risk/dailyRiskState.js';
import { LTC_CANDLES, candle, closeOf } from '../../integration/local/exchange-sim/simFixture.js';

export const BOT_ID = 'badinput';
/** The candle the corpus messages carry; the window before it is stored. */
export const DECIDED_INDEX = 12;

/** A long on LTC/BTC that entered and exited at its target a few candles before the decided one. */
function closedLtcPlan(): Plan {
  const proposedAt = candle(2).openTime;
  return {
    id: `${BOT_ID}-closedltc0001`,
    botId: BOT_ID,
    symbol: 'LTC/BTC',
    timeframe: '5m',
    strategy: 'every-candle-long',
    side: 'long',
    status: 'closed',
    reason: 'seeded history',
    candleOpenTime: proposedAt,
    createdAt: closeOf(2),
    updatedAt: closeOf(6),
    version: 4,
    entry: '0.0162',
    stop: '0.016',
    target: '0.0165',
    amount: '1',
    entryAttempt: 0,
    exitAttempt: 0,
    openedAt: closeOf(3),
    filledAmount: '1',
    avgEntryPrice: '0.0162',
    exitReason: 'target',
    closedAt: closeOf(6),
    avgExitPrice: '0.0165',
    realizedPnl: '0.00026',
    feesPaid: '0.00004',
  };
}

/** A live, filled ETH/BTC long: a position the bad input must leave alone. */
function openEthPlan(): Plan {
  return { ...closedLtcPlan(), id: `${BOT_ID}-openeth00001`, symbol: 'ETH/BTC', timeframe: '5m', status: 'open', entry: '0.1', stop: '0.09', target: '0.12', activeStop: '0.09', highWatermark: '0.1', avgEntryPrice: '0.1', version: 2, exitReason: undefined, closedAt: undefined, avgExitPrice: undefined, realizedPnl: undefined, feesPaid: undefined };
}

/**
 * What a bot that has traded leaves in all six tables: the candle window, the bot state, a
 * live plan, a closed plan with its order and fill, a decision record and the day's risk
 * state (by default for the decided candle's day, so a decision that changes nothing
 * writes nothing; an earlier day makes the decided candle the first of its day).
 */
export async function seedLedger(client: DynamoDBDocumentClient, tables: TableNames, dailyRiskDay = utcDay(closeOf(DECIDED_INDEX))): Promise<void> {
  await new DynamoDbCandleStore({ client, tables, retentionDays: 14 }).put('LTC/BTC', '5m', LTC_CANDLES.slice(0, DECIDED_INDEX), closeOf(DECIDED_INDEX - 1));
  await seedShadowBook(client, tables, closeOf(DECIDED_INDEX - 1));
  const ledger = new DynamoDbLedgerStore({ client, tables, telemetryRetentionDays: 30 });
  const closed = closedLtcPlan();
  const intent = buildEntryIntent(closed, closeOf(2));
  await ledger.insertIntent(intent, 0);
  const order: Order = { clientOrderId: intent.clientOrderId, exchangeOrderId: '9001', symbol: 'LTC/BTC', side: 'buy', type: 'market', status: 'closed', amount: '1', filled: '1', average: '0.0162', timestamp: closeOf(2) };
  const fill: Fill = { id: '7001', clientOrderId: intent.clientOrderId, exchangeOrderId: '9001', symbol: 'LTC/BTC', side: 'buy', price: '0.0162', amount: '1', cost: '0.0162', fee: { cost: '0.001', currency: 'LTC' }, timestamp: closeOf(3) };
  await ledger.commit({
    ledgerVersion: 0,
    now: closeOf(6),
    plans: [
      { plan: closed, expectedVersion: 0 },
      { plan: openEthPlan(), expectedVersion: 0 },
    ],
    orders: [order],
    fills: [fill],
    daily: { day: dailyRiskDay, startEquity: '1', limitHit: false },
    decision: { botId: BOT_ID, symbol: 'LTC/BTC', timeframe: '5m', candleOpenTime: candle(2).openTime, decidedAt: closeOf(2), close: candle(2).close, killSwitch: 'RUN', openPlans: 1, exits: [], verdicts: [], orders: [] },
  });
}

/** A shadow book of an earlier configuration: nothing a bad input reaches may change it either. */
export async function seedShadowBook(client: DynamoDBDocumentClient, tables: TableNames, at: number): Promise<void> {
  const book = { id: 'earlier-shadow', version: 1, updatedAt: at, ledger: { ledgerVersion: 0, livePlans: [], lastStopOutAt: {}, decidedUpTo: {} }, venue: '{}' };
  await new DynamoDbShadowStore({ client, tableName: tables.shadow, retentionDays: 90 }).write({ book, opened: [], resolved: [] }, at);
}
