import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { decisionVisibilityTimeoutSeconds } from '../../cdk/decisionQueueSettings.js';
import { createDynamoDbClient } from '../../lib/adapters/dynamodb/createDynamoDbClient.js';
import { DynamoDbLedgerStore } from '../../lib/adapters/dynamodb/DynamoDbLedgerStore.js';
import type { TableNames } from '../../lib/adapters/dynamodb/tableDefinitions.js';
import { type BotConfig, BotConfigSchema } from '../../lib/domain/botConfig.js';
import { dec, toDecimalString } from '../../lib/domain/decimal.js';
import { runWindow } from '../../lib/local/cli/runWindow.js';
import { STRICT_FILLS, startExchangeSimulator } from '../../lib/local/exchange-sim/index.js';
import { LocalBot } from '../../lib/local/runtime/LocalBot.js';
import type { LogLine } from '../../lib/local/runtime/LocalTelemetry.js';
import { readLocalLedger } from '../../lib/local/runtime/readLocalLedger.js';
import { killSwitchParameterName } from '../../cdk/parameterNames.js';
import { type CandleSeries, loadCandleFile } from '../../lib/runtime/backtest/loadCandleFile.js';
import { CHAOS_REQUEST_TIMEOUT_MS, chaosMarket } from './chaosMarket.js';
import type { ChaosOutcome } from './ChaosOutcome.js';
import { CommittedLedger } from './CommittedLedger.js';
import { FunctionDeaths } from './FunctionDeaths.js';
import { installDynamoChaos } from './dynamoChaos.js';
import { FaultCounter } from './FaultCounter.js';
import { checkInvariants } from './invariants.js';
import { randomQueueFaults } from './randomQueueFaults.js';
import { type ChaosScenario, chaosScenario } from './scenario.js';
import { closedCandlesBetween, priceAt } from './seriesPrices.js';
import type { Violation } from './Violation.js';

export interface ChaosEnvironment {
  readonly dynamoEndpoint: string;
  /** Where the bot.log of a run with violations is kept, as seed-<seed>.log. */
  readonly logDir: string;
  /** Fresh bot tables for one run. */
  readonly tables: () => Promise<TableNames>;
  readonly reconcileAsl: StateMachineDefinition;
}

export interface ScenarioResult {
  readonly scenario: ChaosScenario;
  readonly faults: Readonly<Record<string, number>>;
  readonly faultCount: number;
  readonly violations: readonly Violation[];
  readonly orders: number;
  readonly fills: number;
  readonly decisions: number;
  /** Reconciliations that ran while the faults were on (the one the switch back to RUN starts, and any drift started), as they ended. */
  readonly reconciliationsUnderFaults: readonly { readonly name: string; readonly status: string; readonly error?: string }[];
  readonly wallMs: number;
}

const STARTING_BALANCES = { BTC: '1' };
const CHURN_STRATEGY = resolve('test/chaos/strategies/churn.ts');
const LOOK_EVERY_STEPS = 10;
/** The drain outlasts the longest hold-up a fault causes: a visibility timeout, a late delivery. */
const DRAIN_MS = 20 * 60_000;
const DECISION_LINES = new Set(['decided', 'decision skipped', 'already decided: a redelivery, nothing done']);

/**
 * One chaos run: the local runtime over real candles with the scenario's faults for its
 * minutes; then the faults stop, the bot runs on until the queue has drained, reconciliation
 * runs, and the invariants are checked against the venue and the ledger.
 */
export async function runScenario(seed: number, environment: ChaosEnvironment, chaosMinutes?: number): Promise<ScenarioResult> {
  const started = Date.now();
  const scenario = chaosScenario(seed, chaosMinutes);
  const series = await Promise.all(scenario.candleFiles.map((file) => loadCandleFile(file)));
  const config = chaosConfig(series);
  const from = runWindow(series, config.windowSize, 1).from + scenario.startOffsetMinutes * 60_000;
  const chaosEnd = from + scenario.chaosMinutes * 60_000;
  const tables = await environment.tables();
  const runDir = await mkdtemp(join(tmpdir(), `chaos-${seed}-`));
  const counter = new FaultCounter();
  let active = false;
  let keepLog = true;
  const sim = await startExchangeSimulator({
    series,
    balances: STARTING_BALANCES,
    startTime: from,
    fills: STRICT_FILLS,
    ...(scenario.exchange.partialFillFraction ? { partialFills: { maxFillFractionPerCandle: scenario.exchange.partialFillFraction, seed } } : {}),
  });
  const deaths = new FunctionDeaths(scenario.deathProbability, seed + 1, counter, () => active);
  const reader = createDynamoDbClient({ endpoint: environment.dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const bot = await LocalBot.start({
    config,
    market: chaosMarket(sim, deaths),
    dynamo: { endpoint: environment.dynamoEndpoint, tables },
    reconcileAsl: environment.reconcileAsl,
    runDir,
    queueFaults: randomQueueFaults(scenario.queue, seed + 2, counter, () => active),
    invocationHook: deaths.hook,
  });
  try {
    installDynamoChaos(bot.dynamo, { tables, deaths, settings: scenario.dynamo, seed: seed + 3, counter, active: () => active });
    await bot.reconcile('start');
    const committed = new CommittedLedger();
    let steps = 0;
    const look = async () => committed.observe(await readLocalLedger(reader, tables));
    let looking = Promise.resolve();
    const onStep = () => {
      if (++steps % LOOK_EVERY_STEPS === 0) looking = looking.then(look);
    };

    // The first capture, fault-free: it stores each series' warm-up history and decides only its
    // newest candle, so a death there would leave the candles of the bot's first minute to no one.
    // It runs within one capture period of \`from\` (at from + its offset when the bot starts at
    // from): the faults start after that period, not at \`from\` (seeds 2027, 2037, 2040 had their
    // first capture fail under faults and counted its warm-up history as never decided).
    await bot.runUntil(from + config.schedules.captureMinutes * 60_000 - 1, { speed: 'max', stopRequested: () => false, onStep });
    active = true;
    sim.faults.random({ ...scenario.exchange, seed: seed + 4, hangMs: CHAOS_REQUEST_TIMEOUT_MS + 500 });
    const run = { speed: 'max' as const, stopRequested: () => false, onStep };
    const setKillSwitch = (state: 'FLATTEN' | 'RUN') => bot.parameters.put(killSwitchParameterName(config.botId), state, { overwrite: true });
    const flattenFrom = from + scenario.flatten.atMinute * 60_000;
    await bot.runUntil(flattenFrom, run);
    await setKillSwitch('FLATTEN');
    await bot.runUntil(Math.min(flattenFrom + scenario.flatten.minutes * 60_000, chaosEnd), run);
    // Back to RUN: heartbeat starts a reconciliation (which lifts a halt), under the faults.
    await setKillSwitch('RUN');
    await bot.runUntil(chaosEnd, run);
    active = false;
    sim.faults.clear();
    for (const [kind, count] of Object.entries(sim.faults.counts().byKind)) counter.add(`exchange ${kind}`, count);
    await looking;

    await bot.runUntil(chaosEnd + Math.max(DRAIN_MS, decisionVisibilityTimeoutSeconds(config.decide.timeoutSeconds) * 1000 * 2), { speed: 'max', stopRequested: () => false });
    const reconciliationsUnderFaults = bot.stepFunctions
      .executions()
      .filter((execution) => execution.startDate.getTime() > from && execution.startDate.getTime() <= chaosEnd)
      .map(({ name, status, run: ran }) => ({ name, status, ...(ran?.error !== undefined ? { error: ran.error } : {}) }));
    // A reconciliation under faults may halt the bot (it does when the venue cannot say): the operator's run lifts it.
    const reconciliation = await bot.reconcile('chaos', { resumeHalted: true });
    const ledger = await readLocalLedger(reader, tables);
    const state = (await new DynamoDbLedgerStore({ client: reader, tables, telemetryRetentionDays: 30 }).load()).state;
    const end = bot.clock.now();
    const deadLetters = bot.queue.deadLettered.map((message) => message.body);
    await bot.stop();
    const outcome: ChaosOutcome = {
      venue: {
        orders: sim.orders(),
        trades: sim.trades(),
        totals: Object.fromEntries(Object.entries(sim.balances()).map(([asset, { free, locked }]) => [asset, toDecimalString(dec(free).plus(locked))])),
        lastPrices: Object.fromEntries(series.map((s) => [s.symbol, priceAt(s, end)])),
      },
      startingBalances: STARTING_BALANCES,
      ledger,
      decidedSeries: new Set(config.symbols.map((s) => `${s.symbol}#${s.timeframe}`)),
      expectedCandles: series.flatMap((s) => closedCandlesBetween(s, from, end - config.schedules.captureMinutes * 60_000)),
      decisionLines: (await readLogLines(bot.log.path)).filter((line) => DECISION_LINES.has(String(line['msg']))),
      storedDecisions: await storedDecisionKeys(reader, tables),
      deadLetters,
      reconciliation,
      bot: { status: state.status, ...(state.reason !== undefined ? { reason: state.reason } : {}) },
    };
    const violations = [...checkInvariants(outcome), ...committed.lostIn(ledger), ...reconciliationsEnded(reconciliationsUnderFaults)];
    keepLog = violations.length > 0;
    return {
      scenario,
      faults: counter.byKind(),
      faultCount: counter.total,
      violations,
      orders: outcome.venue.orders.length,
      fills: outcome.venue.trades.length,
      decisions: outcome.decisionLines.length,
      reconciliationsUnderFaults,
      wallMs: Date.now() - started,
    };
  } finally {
    await bot.stop().catch(() => undefined);
    reader.destroy();
    if (keepLog) await cp(join(runDir, 'bot.log'), join(environment.logDir, `seed-${seed}.log`));
    await rm(runDir, { recursive: true, force: true });
  }
}

/** A reconciliation under faults reconciles, or fails and halts the bot (Halt): it never stays unfinished. */
function reconciliationsEnded(runs: ScenarioResult['reconciliationsUnderFaults']): Violation[] {
  return runs
    .filter((execution) => execution.status !== 'SUCCEEDED' && execution.status !== 'FAILED')
    .map((execution) => ({ invariant: 'reconciled', detail: `the reconciliation ${execution.name} under faults is still ${execution.status}` }));
}

function chaosConfig(series: readonly CandleSeries[]): BotConfig {
  return BotConfigSchema.parse({
    botId: 'chaos',
    exchange: { id: 'binance' },
    mode: 'live',
    symbols: series.map(({ symbol, timeframe }) => ({ symbol, timeframe })),
    strategy: { name: CHURN_STRATEGY, params: {} },
    windowSize: 100,
  });
}

async function readLogLines(path: string): Promise<LogLine[]> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter((text) => text.startsWith('{'))
    .map((text) => JSON.parse(text) as LogLine);
}

async function storedDecisionKeys(client: ReturnType<typeof createDynamoDbClient>, tables: TableNames): Promise<Set<string>> {
  const keys = new Set<string>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tables.telemetry, ConsistentRead: true, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) if (item['kind'] === 'decision') keys.add(`${String(item['symbol'])} ${String(item['timeframe'])} ${String(item['candleOpenTime'])}`);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return keys;
}
