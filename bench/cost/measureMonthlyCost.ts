// Issue 5's cost goal: the monthly AWS bill of 10 symbols on 1-minute candles, from figures
// measured in this run: the real handlers' DynamoDB capacity, time and log bytes
// (scenarios/costPerDecision.ts), the default strategy's trading share (a backtest over real
// candles), and the alarms and dashboards of the synthesized stack.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Template } from 'aws-cdk-lib/assertions';
import { synthTraderStack } from '../../test/infra/synthTraderStack.js';
import { MINUTES_PER_MONTH } from './awsPrices.js';
import { type FunctionUsage, type MonthlyUsage, monthlyCost } from './monthlyCost.js';

const SYMBOLS = 10;
const GOAL_USD = 1;

interface RunSummary {
  readonly count: number;
  readonly ms: number;
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly logBytes: number;
}

interface Measured {
  readonly symbols: number;
  readonly capture: RunSummary;
  readonly heartbeat: RunSummary;
  readonly decideQuiet: RunSummary;
  readonly decideTrading: RunSummary;
  readonly tradingShare: number;
  /** Metric name → share of the simulated hours it received data in. */
  readonly metrics: Readonly<Record<string, number>>;
}

/**
 * Assumptions that are not measured here, each with its reason:
 * - decide invocations: the FIFO event source takes the minute's 10 messages in about two
 *   batches (maxConcurrency 2), so 2 invocations a minute;
 * - SQS: Lambda's pollers long-poll (20 s) an idle queue, about 5 pollers: 15 receives a
 *   minute, plus one send batch from capture and one delete batch per invocation;
 * - maintenance (hourly) costs about what a heartbeat costs, times 5 (it queries more partitions);
 * - each function starts cold about 50 times a day, reading the exchange key each time;
 * - stored data: 14 days of candles (10 × 1440 × 14 items of ~300 B) plus telemetry and ledger, ~0.1 GB.
 */
const ASSUMED = { decideInvocationsPerMinute: 2, sqsPollerReceivesPerMinute: 15, maintenanceVsHeartbeat: 5, coldStartsPerFunctionPerDay: 50, storedGb: 0.1 };

/**
 * The notifier (config `notifications`), not measured yet: its stream event source gathers
 * records for 60 s, and 10 symbols write a decision record every minute, so one invocation a
 * minute; stream reads by a Lambda trigger are free and it writes nothing. About 200 ms and
 * 600 log bytes an invocation; one more alarm metric. Its tokens are in an SSM SecureString
 * (standard parameter, standard throughput: free), not a Secrets Manager secret.
 */
const NOTIFIER = { invocationsPerMinute: 1, msPerInvocation: 200, memoryMb: 256, logBytesPerInvocation: 600 };

/**
 * The Telegram webhook (config `notifications.allowedChatIds`), not measured yet: an owner's
 * 50 commands a day, each about 300 ms at 256 MB, reading about 10 units (views, latest
 * prices) and writing 2 (the update claim; the bot action of a state change) and 800 log
 * bytes. The Function URL itself costs nothing beyond the invocation.
 */
const TELEGRAM_WEBHOOK = { invocationsPerDay: 50, msPerInvocation: 300, memoryMb: 256, readUnits: 10, writeUnits: 2, logBytesPerInvocation: 800 };

/**
 * Two shadow strategies (issue 18), trading as often as the deployed strategy. Each writes its
 * book only when a plan opens and when it resolves: single-item puts, no transaction (which
 * billed every item twice): the book item (its virtual ledger and venue as JSON, about 6 KB
 * with 10 symbols: 10 markets, 10 last candles, the newest 20 ended orders and fills), which
 * also carries the write's plan event (about 2 KB) until it is stored, then the plan-event
 * item. Books are read once per cold start (a query of a few KB), and the newest write's
 * event of each book is put again then (coldStartWriteUnits).
 * Their strategies here carry no pWin (ema-crossover, rsi-mean-reversion), so heartbeat reads
 * nothing for calibration and publishes no CalibrationError and the stack has no calibration
 * alarm; a model book adds that metric (one over the free ten: $0.30) and its alarm ($0.10).
 */
const SHADOWS = { strategies: 2, bookKb: 6, eventKb: 2, coldStartReadUnits: 1, coldStartWriteUnits: 2 * 2 };

/** Shadow-store write units in a month: 2 events (open, resolve) per trade per shadow, each the book (carrying the event) and the event. */
export function shadowWriteUnitsPerMonth(tradingShare: number): number {
  const tradesPerCandle = tradingShare / 4;
  const events = SHADOWS.strategies * 2 * tradesPerCandle * SYMBOLS * MINUTES_PER_MONTH;
  return events * (SHADOWS.bookKb + SHADOWS.eventKb + SHADOWS.eventKb) + SHADOWS.coldStartWriteUnits * ASSUMED.coldStartsPerFunctionPerDay * 30;
}

function runScenario(): Measured {
  const script = fileURLToPath(new URL('../scenarios/costPerDecision.ts', import.meta.url));
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, '60'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Measured;
}

/** Decisions that write (entry, its settlement, exit, its settlement: 4 per trade) under the deployed strategy. */
function defaultStrategyTradingShare(): { share: number; trades: number; candles: number } {
  const dir = mkdtempSync(join(tmpdir(), 'cost-backtest-'));
  const cli = fileURLToPath(new URL('../../bin/backtest.ts', import.meta.url));
  execFileSync(process.execPath, ['--import', 'tsx', cli, '--data', '../shared/data/candles/ETH_BTC-1m.json', '--out', dir], { stdio: 'ignore' });
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { trades: number; candles: number };
  return { share: Math.min(1, (4 * report.trades) / report.candles), trades: report.trades, candles: report.candles };
}

/** Alarm metrics (a metric-math alarm bills each metric in it) and dashboards of the stack. */
function stackCounts(): { alarmMetrics: number; dashboards: number } {
  const template = Template.fromStack(synthTraderStack());
  const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as { Properties: { Metrics?: { MetricStat?: unknown }[] } }[];
  const alarmMetrics = alarms.reduce((sum, alarm) => sum + (alarm.Properties.Metrics ? alarm.Properties.Metrics.filter((m) => m.MetricStat !== undefined).length : 1), 0);
  return { alarmMetrics, dashboards: Object.keys(template.findResources('AWS::CloudWatch::Dashboard')).length };
}

export function monthlyUsage(measured: Measured, tradingShare: number, counts: { alarmMetrics: number; dashboards: number }): MonthlyUsage {
  const perSymbol = SYMBOLS / measured.symbols;
  const decisionsPerMinute = SYMBOLS;
  const perDecision = (pick: (r: RunSummary) => number) => (1 - tradingShare) * pick(measured.decideQuiet) + tradingShare * pick(measured.decideTrading);
  const decisionsPerInvocation = decisionsPerMinute / ASSUMED.decideInvocationsPerMinute;
  const scaled = (run: RunSummary, invocations: number, memoryMb: number, factor = perSymbol): FunctionUsage => ({
    invocationsPerMonth: invocations,
    msPerInvocation: run.ms,
    memoryMb,
    readUnitsPerInvocation: run.readUnits * factor,
    writeUnitsPerInvocation: run.writeUnits * factor,
    logBytesPerInvocation: run.logBytes * factor,
  });
  const heartbeats = MINUTES_PER_MONTH / 5;
  const functions = {
    capture: scaled(measured.capture, MINUTES_PER_MONTH, 512),
    decide: {
      invocationsPerMonth: MINUTES_PER_MONTH * ASSUMED.decideInvocationsPerMinute,
      msPerInvocation: perDecision((r) => r.ms) * decisionsPerInvocation,
      memoryMb: 512,
      // The shadows' store writes ride on decide's invocations, and their books' read on its cold starts.
      readUnitsPerInvocation: perDecision((r) => r.readUnits) * decisionsPerInvocation + (SHADOWS.coldStartReadUnits * ASSUMED.coldStartsPerFunctionPerDay * 30) / (MINUTES_PER_MONTH * ASSUMED.decideInvocationsPerMinute),
      writeUnitsPerInvocation: perDecision((r) => r.writeUnits) * decisionsPerInvocation + shadowWriteUnitsPerMonth(tradingShare) / (MINUTES_PER_MONTH * ASSUMED.decideInvocationsPerMinute),
      logBytesPerInvocation: perDecision((r) => r.logBytes) * decisionsPerInvocation,
    },
    heartbeat: scaled(measured.heartbeat, heartbeats, 256),
    maintenance: scaled(measured.heartbeat, MINUTES_PER_MONTH / 60, 256, perSymbol * ASSUMED.maintenanceVsHeartbeat),
    notifier: { invocationsPerMonth: MINUTES_PER_MONTH * NOTIFIER.invocationsPerMinute, msPerInvocation: NOTIFIER.msPerInvocation, memoryMb: NOTIFIER.memoryMb, readUnitsPerInvocation: 0, writeUnitsPerInvocation: 0, logBytesPerInvocation: NOTIFIER.logBytesPerInvocation },
    telegramWebhook: { invocationsPerMonth: TELEGRAM_WEBHOOK.invocationsPerDay * 30, msPerInvocation: TELEGRAM_WEBHOOK.msPerInvocation, memoryMb: TELEGRAM_WEBHOOK.memoryMb, readUnitsPerInvocation: TELEGRAM_WEBHOOK.readUnits, writeUnitsPerInvocation: TELEGRAM_WEBHOOK.writeUnits, logBytesPerInvocation: TELEGRAM_WEBHOOK.logBytesPerInvocation },
  };
  const decideInvocations = functions.decide.invocationsPerMonth;
  return {
    functions,
    sqsRequestsPerMonth: MINUTES_PER_MONTH * (1 + ASSUMED.sqsPollerReceivesPerMinute) + decideInvocations,
    customMetricMonths: Object.values(measured.metrics).reduce((sum, share) => sum + share, 0),
    alarmMetrics: counts.alarmMetrics + 1,
    dashboards: counts.dashboards,
    // The exchange key and the notification tokens are SSM SecureStrings: standard parameters
    // (free), decrypted with the AWS-managed key aws/ssm: 4 functions × 50 cold starts × 30 days
    // = 6,000 KMS requests a month, within KMS's 20,000 free. Secrets Manager holds only an llm
    // strategy's OpenAI-compatible key, which this bot does not use.
    secrets: 0,
    secretCallsPerMonth: 0,
    scheduledInvocationsPerMonth: MINUTES_PER_MONTH + heartbeats + MINUTES_PER_MONTH / 60,
    storedGb: ASSUMED.storedGb,
  };
}

export function measureMonthlyCost(): Record<string, unknown> {
  process.stderr.write('bench: cost: the real handlers for 60 simulated minutes on DynamoDB Local and the simulator…\n');
  const measured = runScenario();
  process.stderr.write('bench: cost: trading share of the deployed strategy (backtest)…\n');
  const deployed = defaultStrategyTradingShare();
  const counts = stackCounts();
  const cost = monthlyCost(monthlyUsage(measured, deployed.share, counts));
  const atMeasuredShare = monthlyCost(monthlyUsage(measured, measured.tradingShare, counts));
  return {
    monthlyUsd: cost.totalUsd,
    goalUsd: GOAL_USD,
    goalMet: cost.totalUsd <= GOAL_USD,
    scope: `${SYMBOLS} symbols on 1-minute candles, live mode (the exchange key in an SSM SecureString), ${SHADOWS.strategies} shadow strategies, us-east-1 list prices, always-free tiers applied`,
    shadows: { ...SHADOWS, writeUnitsPerMonth: Math.round(shadowWriteUnitsPerMonth(deployed.share)) },
    breakdown: cost.breakdown,
    quantities: cost.quantities,
    tradingShare: { deployedStrategy: Number(deployed.share.toFixed(4)), backtestTrades: deployed.trades, backtestCandles: deployed.candles, measuredRun: measured.tradingShare },
    monthlyUsdAtMeasuredRunTradingShare: atMeasuredShare.totalUsd,
    measured,
    assumed: ASSUMED,
  };
}
