import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type Candle, timeframeMs } from '../../lib/domain/candle.js';
import { BacktestConfigSchema } from '../../lib/domain/config.js';
import type { Fill, OrderIntent } from '../../lib/domain/order.js';
import type { Plan } from '../../lib/domain/plan.js';
import { LocalSession } from '../../lib/local/cli/LocalSession.js';
import { parseStartArgs } from '../../lib/local/cli/parseStartArgs.js';
import { readLocalLedger } from '../../lib/local/runtime/readLocalLedger.js';
import { runBacktest } from '../../lib/runtime/backtest/runBacktest.js';
import type { LocalTables } from './dynamoDbLocalTables.js';

/** The local schedule's tick: capture runs each minute, whatever the candles' timeframe. */
const MINUTE = timeframeMs('1m');

// A guard against a hung run, not a speed check (speed is in npm run bench): a busy 2-core
// machine has taken over 240 s for the two runs of one describe.
export const SETUP_TIMEOUT_MS = 600_000;

export interface Run {
  readonly plans: readonly Plan[];
  readonly fills: readonly Fill[];
  readonly intents: readonly OrderIntent[];
}

export interface BothRuns {
  readonly backtest: Run;
  readonly local: Run & { readonly to: number };
}

/** The bot's name leads each plan and client order id (`backtest-…`, `local-…`); what follows is derived alike. */
function withoutBot(id: string): string {
  return id.replace(/^[a-z0-9]+-/, '');
}

/** What a plan is, on both paths: the same entry and exit candles, amounts, prices, reasons and PnL, to the last decimal. */
function tradeOf(plan: Plan) {
  const { status, candleOpenTime, openedAt, closedAt, amount, filledAmount, avgEntryPrice, avgExitPrice, exitReason, realizedPnl, feesPaid, entry, stop, target, activeStop } = plan;
  return { id: withoutBot(plan.id), status, candleOpenTime, openedAt, closedAt, amount, filledAmount, avgEntryPrice, avgExitPrice, exitReason, realizedPnl, feesPaid, entry, stop, target, activeStop };
}

/** A client order id hashes the bot's name in; the order it names is its plan's leg at an attempt. */
function orderKey(intent: OrderIntent): string {
  return `${withoutBot(intent.planId)} ${intent.leg} ${intent.attempt}`;
}

function fillsByOrder(run: Run): Map<string, object[]> {
  const keys = new Map(run.intents.map((i) => [i.clientOrderId, orderKey(i)]));
  const byOrder = new Map<string, object[]>();
  for (const { clientOrderId, price, amount, cost, fee, timestamp, side } of run.fills) {
    const key = keys.get(clientOrderId) ?? `unknown ${clientOrderId}`;
    byOrder.set(key, [...(byOrder.get(key) ?? []), { price, amount, cost, fee, timestamp, side }]);
  }
  return byOrder;
}

/**
 * Runs the candle files (named BASE_QUOTE-TIMEFRAME.json) through `npm run backtest` and
 * `npm start`, both with default settings; `hours` is `npm start --hours`.
 */
export async function runBoth(dynamo: LocalTables, dir: string, files: Readonly<Record<string, readonly Candle[]>>, hours = 48): Promise<BothRuns> {
  const data: string[] = [];
  for (const [name, candles] of Object.entries(files)) {
    const path = join(dir, name);
    await writeFile(path, JSON.stringify(candles.map((c) => [c.openTime, c.open, c.high, c.low, c.close, c.volume])));
    data.push(path);
  }
  const { engine } = await runBacktest({ dataFiles: data, config: BacktestConfigSchema.parse({}) });
  const backtest = { plans: [...engine.ledger.closedPlans, ...engine.ledger.livePlans()], fills: engine.ledger.fills, intents: engine.ledger.intents() };

  const args = parseStartArgs([...data.flatMap((file) => ['--data', file]), '--hours', String(hours), '--out', join(dir, 'out')], data[0]!);
  // `npm start`'s defaults: the simulator fills as the backtest's paper venue does (--strict-fills would not).
  const session = await LocalSession.open({ args, dynamo: { endpoint: dynamo.endpoint, tables: await dynamo.freshTables() }, botsDir: join(dir, 'bots') });
  try {
    await session.reconcileAtStart();
    await session.run({ speed: 'max', stopRequested: () => false });
    const ledger = await readLocalLedger(session.bot.dynamo, session.bot.tables);
    return { backtest, local: { plans: [...ledger.endedPlans, ...ledger.livePlans], fills: ledger.fills, intents: ledger.orders.map((o) => o.intent), to: session.window.to } };
  } finally {
    await session.close();
  }
}

/**
 * The same plans on both paths. Named difference: the local run stops when the data ends,
 * before deciding the candle that closes then (its last capture runs in the minute before);
 * the backtest decides it and settles what its orders filled. So a plan the local run still
 * held at its end is compared by its entry only, and the backtest may hold a plan more,
 * entered on that last candle.
 */
export function expectSamePlans(backtest: Run, local: Run & { readonly to: number }): void {
  const lastLocalDecision = local.to - MINUTE;
  const backtestByLocalEnd = backtest.plans.filter((p) => p.candleOpenTime + timeframeMs(p.timeframe) <= lastLocalDecision);
  expect(local.plans.map((p) => withoutBot(p.id)).sort()).toEqual(backtestByLocalEnd.map((p) => withoutBot(p.id)).sort());
  for (const plan of local.plans) {
    const twin = backtest.plans.find((p) => withoutBot(p.id) === withoutBot(plan.id))!;
    if (plan.status === 'closed' || plan.status === 'cancelled') expect(tradeOf(twin), plan.id).toEqual(tradeOf(plan));
    else expect({ ...tradeOf(twin), status: plan.status }, plan.id).toMatchObject({ ...tradeOf(plan), ...ignoredAfterLocalEnd(plan, twin) });
  }
}

/** The same orders, each filled at the same price, amount, cost and fee, at the same moment. */
export function expectSameFills(backtest: Run, local: Run): void {
  const backtestOrders = new Set(backtest.intents.map(orderKey));
  expect(new Set(local.intents.map((i) => i.clientOrderId)).size).toBe(local.intents.length);
  for (const intent of local.intents) expect(backtestOrders, orderKey(intent)).toContain(orderKey(intent));
  const backtestFills = fillsByOrder(backtest);
  const localFills = fillsByOrder(local);
  expect(localFills.size).toBeGreaterThan(0);
  for (const [order, fills] of localFills) expect(backtestFills.get(order), order).toEqual(fills);
}

/** A plan still live when the local run ended can have moved on in the backtest's last candle: only its entry is compared. */
function ignoredAfterLocalEnd(local: Plan, backtest: Plan): Partial<ReturnType<typeof tradeOf>> {
  const moved = tradeOf(backtest);
  const { closedAt, avgExitPrice, exitReason, realizedPnl, feesPaid, filledAmount, activeStop } = moved;
  return local.status === backtest.status ? {} : { closedAt, avgExitPrice, exitReason, realizedPnl, feesPaid, filledAmount, activeStop };
}
