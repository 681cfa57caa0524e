import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbTelemetryStore } from '../../lib/adapters/dynamodb/DynamoDbTelemetryStore.js';
import { timeframeMs } from '../../lib/domain/candle.js';
import { dec, sum, toDecimalString } from '../../lib/domain/decimal.js';
import { runningLocalBots } from '../../lib/local/bots/localBotRegistry.js';
import { LocalSession } from '../../lib/local/cli/LocalSession.js';
import { parseStartArgs } from '../../lib/local/cli/parseStartArgs.js';
import type { ExchangeSimulator } from '../../lib/local/exchange-sim/index.js';
import type { ReconciliationRun } from '../../lib/local/runReconciliation.js';
import { type LocalLedger, readLocalLedger } from '../../lib/local/runtime/readLocalLedger.js';
import type { BacktestReport } from '../../lib/runtime/backtest/report/BacktestReport.js';
import { runKillSwitchCommand } from '../../scripts/killSwitchCommand.js';
import { useDynamoDbLocal } from '../support/dynamoDbLocalTables.js';
import { readSharedCandles } from '../support/sharedCandles.js';
import { balancesAfterFills, expectedFill, expectedOrder } from './localRuntimeChecks.js';

const dynamo = useDynamoDbLocal();
const DATA = resolve('../shared/data/candles/ETH_BTC-1m.json');
const CANDLES = readSharedCandles('ETH_BTC-1m.json');
const MINUTE = timeframeMs('1m');
const HOURS = 6;
/** When the HALT run's kill switch is set: two simulated hours in, with trades before and after in the unhalted run. */
const HALT_AFTER_MS = 2 * 60 * MINUTE;

interface Finished {
  readonly session: LocalSession;
  readonly sim: ExchangeSimulator;
  readonly ledger: LocalLedger;
  readonly report: BacktestReport;
  readonly reconciliation: ReconciliationRun | undefined;
  readonly dir: string;
}

async function openSession(extraArgs: readonly string[] = [], onNotification?: (text: string) => void): Promise<{ session: LocalSession; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'local-run-'));
  const args = parseStartArgs(['--data', DATA, '--hours', String(HOURS), '--out', join(dir, 'out'), ...extraArgs], DATA);
  const session = await LocalSession.open({ args, dynamo: { endpoint: dynamo.endpoint, tables: await dynamo.freshTables() }, botsDir: join(dir, 'bots'), ...(onNotification ? { onNotification } : {}) });
  return { session, dir };
}

async function finish(session: LocalSession, dir: string, reconciliation: ReconciliationRun | undefined): Promise<Finished> {
  const { report } = await session.finish();
  return { session, sim: session.sim!, ledger: await readLocalLedger(session.bot.dynamo, session.bot.tables), report, reconciliation, dir };
}

describe('npm start: the local runtime over real ETH/BTC minute candles, six simulated hours, live on the simulator', () => {
  let run: Finished;
  /** What the loopback Telegram Bot API received from the notifier. */
  const telegram: string[] = [];
  beforeAll(async () => {
    const { session, dir } = await openSession([], (text) => telegram.push(text));
    try {
      const reconciliation = await session.reconcileAtStart();
      await session.run({ speed: 'max', stopRequested: () => false });
      run = await finish(session, dir, reconciliation);
    } catch (error) {
      await session.close();
      throw error;
    }
  });
  afterAll(async () => {
    await run?.session.close();
    if (run) await rm(run.dir, { recursive: true, force: true });
  });

  it('sends an entry notification for every plan entered and an exit with its exact PnL for every plan closed, through the loopback Telegram Bot API', () => {
    const plans = [...run.ledger.livePlans, ...run.ledger.endedPlans].filter((plan) => plan.openedAt !== undefined);
    const closed = run.ledger.endedPlans.filter((plan) => plan.status === 'closed');
    expect(closed.length).toBeGreaterThan(0);
    const entries = telegram.filter((text) => / ENTRY /.test(text.split('\n')[0]!));
    const exits = telegram.filter((text) => / EXIT /.test(text.split('\n')[0]!));
    expect(entries.map((text) => /\(plan ([^)]+)\)$/.exec(text)?.[1]).sort()).toEqual(expect.arrayContaining(plans.map((plan) => plan.id).sort()));
    expect(exits.map((text) => [/\(plan ([^)]+)\)$/.exec(text)?.[1], /PnL ([-+][\d.]+)/.exec(text)?.[1]]).sort()).toEqual(closed.map((plan) => [plan.id, plan.realizedPnl!.startsWith('-') ? plan.realizedPnl : `+${plan.realizedPnl}`]).sort());
  });

  it('reconciles once at start through the synthesized state machine, and the bot trades', () => {
    expect(run.reconciliation?.status).toBe('SUCCEEDED');
    expect(run.reconciliation?.tasks.slice(0, 2)).toEqual(['Lock', expect.stringMatching(/Snapshot$/)]);
    expect(run.reconciliation?.tasks.at(-1)).toBe('Unlock');
    expect(run.report.trades).toBeGreaterThanOrEqual(2);
  });

  it("records every order exactly as the venue has it, once each", () => {
    const venueOrders = run.sim.orders();
    const ledgerOrders = run.ledger.orders.map((record) => record.order).filter((order) => order !== undefined);
    expect(ledgerOrders.map(({ clientOrderId, exchangeOrderId, symbol, side, status, amount, filled }) => ({ clientOrderId, exchangeOrderId, symbol, side, status, amount, filled })))
      .toEqual(expect.arrayContaining(venueOrders.map(expectedOrder)));
    expect(ledgerOrders).toHaveLength(venueOrders.length);
    // No client order id was sent twice: the venue accepted each once, and the functions logged each order once.
    const sent = venueOrders.map((o) => o.clientOrderId);
    expect(new Set(sent).size).toBe(sent.length);
    // Every intent got the venue's answer, recorded.
    expect(run.ledger.orders.filter((record) => record.order === undefined)).toEqual([]);
  });

  it('records every fill exactly as the venue made it, and the balances the venue holds follow from them to the last unit', () => {
    const byOrderId = new Map(run.sim.orders().map((o) => [o.orderId, o.clientOrderId]));
    const venueFills = run.sim.trades().map((trade) => expectedFill(trade, byOrderId.get(trade.orderId)!));
    expect([...run.ledger.fills].sort((a, b) => Number(a.id) - Number(b.id))).toEqual(venueFills);
    const venueTotals = Object.fromEntries(Object.entries(run.sim.balances()).map(([asset, { free, locked }]) => [asset, toDecimalString(dec(free).plus(locked))]));
    expect(balancesAfterFills({ BTC: '1' }, run.ledger.fills)).toEqual(venueTotals);
    expect(run.report.finalBalances).toEqual(venueTotals);
  });

  it('leaves every open position with its protective exit and no plan in between', () => {
    for (const plan of run.ledger.livePlans) {
      expect(['open', 'exiting', 'entering']).toContain(plan.status);
      if (dec(plan.filledAmount ?? '0').gt(0)) expect(dec(plan.activeStop ?? plan.stop).gt(0)).toBe(true);
    }
    expect(run.ledger.livePlans.filter((plan) => plan.status !== 'open')).toEqual([]);
    const lastHeartbeat = run.session.bot.telemetry;
    expect(lastHeartbeat.errors.filter((e) => e.msg === 'positions without a protective exit')).toEqual([]);
    expect(run.session.bot.queue.deadLettered).toEqual([]);
  });

  it('decides each closed candle exactly once, and writes a decision record only for those that changed the ledger', async () => {
    const decisions = run.session.bot.telemetry.decisions;
    const openTimes = [...decisions.keys()].map((key) => Number(key.split(' ')[2])).sort((a, b) => a - b);
    const first = openTimes[0]!;
    const lastClosed = run.session.bot.clock.now() - MINUTE;
    const expected = CANDLES.filter((c) => c.openTime >= first && c.openTime + MINUTE <= run.session.bot.clock.now()).map((c) => `ETH/BTC 1m ${c.openTime}`);
    expect(expected.length).toBeGreaterThan(HOURS * 60 - 10);
    expect([...decisions.keys()].sort()).toEqual(expected.sort());
    expect([...decisions.values()].every((count) => count === 1)).toBe(true);
    expect(openTimes.at(-1)).toBeGreaterThan(lastClosed - MINUTE * 2);
    const telemetry = new DynamoDbTelemetryStore({ client: run.session.bot.dynamo, tables: run.session.bot.tables, retentionDays: 30 });
    for (const record of run.ledger.orders.filter((r) => r.intent.leg === 'entry')) {
      const entryCandle = run.ledger.endedPlans.concat(run.ledger.livePlans).find((p) => p.id === record.intent.planId)?.candleOpenTime;
      if (entryCandle !== undefined) expect(await telemetry.getDecision('ETH/BTC', '1m', entryCandle)).toMatchObject({ candleOpenTime: entryCandle });
    }
  });

  it('reports the run from the ledger, exactly, with the picture and the data', async () => {
    const closed = run.ledger.endedPlans.filter((plan) => plan.status === 'closed');
    expect(run.report.run).toBe('local live');
    expect(run.report.trades).toBe(closed.length);
    expect(run.report.realizedPnl).toBe(toDecimalString(sum(closed.map((p) => p.realizedPnl ?? '0'))));
    expect(run.report.decisions).toBe(run.session.bot.telemetry.decisionCount);
    expect(run.report.equityCurve.length).toBeGreaterThanOrEqual(HOURS * 12);
    const html = await readFile(join(run.dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Local live: ema-crossover on ETH/BTC 1m');
    expect(JSON.parse(await readFile(join(run.dir, 'out', 'report.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(run.report)));
  });
});

describe('npm start: a HALT from npm run kill-switch during the run', () => {
  let halted: Finished;
  let haltedAt: number;
  let answer: string;
  beforeAll(async () => {
    const { session, dir } = await openSession();
    try {
      await session.reconcileAtStart();
      haltedAt = session.window.from + HALT_AFTER_MS;
      await session.bot.runUntil(haltedAt, { speed: 'max', stopRequested: () => false });
      const botsDir = join(dir, 'bots');
      answer = await runKillSwitchCommand(['HALT'], {
        createClient: () => {
          throw new Error('the running local bot is found first: AWS is not asked');
        },
        readBotId: () => 'unused',
        runningLocalBots: () => runningLocalBots(botsDir),
      });
      await session.run({ speed: 'max', stopRequested: () => false });
      halted = await finish(session, dir, undefined);
    } catch (error) {
      await session.close();
      throw error;
    }
  });
  afterAll(async () => {
    await halted?.session.close();
    if (halted) await rm(halted.dir, { recursive: true, force: true });
  });

  it('finds the running local bot and sets its kill switch', () => {
    expect(answer).toBe(`kill switch of the local bot local (pid ${process.pid}) set to HALT (parameter version 2)`);
    expect(halted.session.bot.killSwitch).toBe('HALT');
  });

  it('sends no order after the next schedule tick, while candles are still decided', () => {
    const tick = halted.session.config.schedules.captureMinutes * MINUTE;
    expect(halted.sim.orders().length).toBeGreaterThan(0);
    expect(halted.sim.orders().filter((order) => order.time > haltedAt + tick)).toEqual([]);
    const decidedAfter = [...halted.session.bot.telemetry.decisions.keys()].filter((key) => Number(key.split(' ')[2]) > haltedAt);
    expect(decidedAfter.length).toBeGreaterThan(60);
  });
});

describe('npm start -- --mode paper: the same run with the paper venue in DynamoDB filling the orders', () => {
  let paper: Finished;
  beforeAll(async () => {
    const { session, dir } = await openSession(['--mode', 'paper', '--hours', '3']);
    try {
      const reconciliation = await session.reconcileAtStart();
      await session.run({ speed: 'max', stopRequested: () => false });
      paper = await finish(session, dir, reconciliation);
    } catch (error) {
      await session.close();
      throw error;
    }
  });
  afterAll(async () => {
    await paper?.session.close();
    if (paper) await rm(paper.dir, { recursive: true, force: true });
  });

  it('reconciles a fresh paper bot at start without halting it (the paper venue knows no market before capture runs)', () => {
    expect(paper.reconciliation?.status).toBe('SUCCEEDED');
    expect(paper.reconciliation?.tasks.at(-1)).toBe('Unlock');
  });

  it('trades on paper: nothing reaches the simulator, every fill is settled, and the paper balances follow from the fills exactly', () => {
    expect(paper.sim.orders()).toEqual([]);
    expect(paper.ledger.fills.length).toBeGreaterThanOrEqual(2);
    expect(paper.ledger.orders.filter((record) => record.order === undefined)).toEqual([]);
    expect(paper.ledger.endedPlans.filter((plan) => plan.status === 'cancelled')).toEqual([]);
    expect(paper.report.run).toBe('local paper');
    // Heartbeat's valuation lists the assets held, not those back at zero.
    const held = Object.entries(balancesAfterFills({ BTC: '1' }, paper.ledger.fills)).filter(([, amount]) => !dec(amount).isZero());
    expect(paper.report.finalBalances).toEqual(Object.fromEntries(held));
  });
});
