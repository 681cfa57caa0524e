// `npm run bench [-- backtest|decimal|decision|exchange|functions|cost …]`: each scenario in its own process (its own
// peak RSS), results merged into bench/results.json. With no names, every group runs.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { measureExchangeBundle } from './exchangeBundle.js';
import { measureMonthlyCost } from './cost/measureMonthlyCost.js';
import { formatFunctionsTable, measureFunctions } from './functionBundles.js';
import { measureModelRuntime } from './modelRuntime.js';
import { mergeResults } from './functionStats.js';
import { measureLlmFigures } from './llmFigures.js';
import { optimizeLambdaFigures } from './optimizeLambda.js';
import { measureOptimizePool } from './optimizePoolFigures.js';

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));
const CANDLES = process.env.BENCH_CANDLES ?? '1000000';

const RUNS = 3;

function runOnce(name: string, mode: string): Record<string, number> {
  const script = fileURLToPath(new URL(`./scenarios/${name}.ts`, import.meta.url));
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, '../shared/data/candles/ETH_BTC-1m.json', CANDLES, mode], { encoding: 'utf8' });
  const line = out.trim().split('\n').pop() ?? '{}';
  return JSON.parse(line) as Record<string, number>;
}

/**
 * Each figure's median over RUNS: this machine is shared, and one run is noise. Each is its own
 * median (the CPU-time rate is not taken from the run with the median wall-clock rate).
 */
function scenario(name: string, mode = ''): Record<string, number> {
  process.stderr.write(`bench: ${name} ${mode} over ${CANDLES} candles, ${RUNS} runs…\n`);
  const runs = Array.from({ length: RUNS }, () => runOnce(name, mode));
  const keys = new Set(runs.flatMap((run) => Object.keys(run)));
  return Object.fromEntries([...keys].map((key) => [key, medianOf(runs.map((run) => run[key] ?? 0))]));
}

function medianOf(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}

/**
 * Issue goal: the whole chain at least 1,000,000 candles/s on the repeated ETH/BTC set, and at
 * least a third of the bare indicators' rate measured in the same run.
 */
function backtest(): Record<string, unknown> {
  const bare = scenario('bareIndicators');
  const strategyOnly = scenario('strategyOnly');
  const chain = scenario('backtestChain');
  const chainNoEntries = scenario('backtestChain', 'no-entries');
  const chainAsync = scenario('backtestChain', 'async');
  return {
    candles: chain.candles,
    candlesPerSecond: chain.candlesPerSecond,
    peakRssMb: chain.peakRssMb,
    bareIndicatorCandlesPerSecond: bare.candlesPerSecond,
    strategyOnlyCandlesPerSecond: strategyOnly.candlesPerSecond,
    chainWithoutEntriesCandlesPerSecond: chainNoEntries.candlesPerSecond,
    chainToBareRatio: ratio(chain.candlesPerSecond, bare.candlesPerSecond),
    asyncStrategyCandlesPerSecond: chainAsync.candlesPerSecond,
    asyncToSyncRatio: ratio(chainAsync.candlesPerSecond, chain.candlesPerSecond),
    asyncStrategyPeakRssMb: chainAsync.peakRssMb,
    trades: chain.trades,
    asyncStrategyTrades: chainAsync.trades,
    goals: { candlesPerSecond: 1_000_000, chainToBareRatio: 0.333 },
    // By CPU time of each process: on a shared machine the wall-clock rates count the others' work.
    cpuCandlesPerSecond: chain.cpuCandlesPerSecond,
    bareIndicatorCpuCandlesPerSecond: bare.cpuCandlesPerSecond,
    chainWithoutEntriesCpuCandlesPerSecond: chainNoEntries.cpuCandlesPerSecond,
    chainToBareCpuRatio: ratio(chain.cpuCandlesPerSecond, bare.cpuCandlesPerSecond),
  };
}

function ratio(numerator: number | undefined, denominator: number | undefined): number {
  return Number(((numerator ?? 0) / (denominator || 1)).toFixed(3));
}

/**
 * The money type's nanoseconds per operation beside decimal.js's, the library it replaced
 * (lib/domain/decimal.ts says why): each figure the median of RUNS processes.
 */
function decimal(): Record<string, unknown> {
  process.stderr.write(`bench: decimal operations, ${RUNS} runs…\n`);
  const script = fileURLToPath(new URL('./scenarios/decimalOps.ts', import.meta.url));
  const runs = Array.from({ length: RUNS }, () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
    return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, Record<string, number>>;
  });
  const medians = (key: string) => {
    const names = Object.keys(runs[0]?.[key] ?? {});
    return Object.fromEntries(names.map((name) => [name, medianOf(runs.map((run) => run[key]?.[name] ?? 0))]));
  };
  return { nanosecondsPerOperation: medians('nanosecondsPerOperation'), decimalJsNanosecondsPerOperation: medians('decimalJsNanosecondsPerOperation') };
}

/** DynamoDB calls and time per decision against DynamoDB Local (goal: ≤ 3 trading, ≤ 1 quiet). */
function decision(): Record<string, unknown> {
  process.stderr.write('bench: decide path against DynamoDB Local…\n');
  const script = fileURLToPath(new URL('./scenarios/decisionDynamoDb.ts', import.meta.url));
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, '../shared/data/candles/ETH_BTC-1m.json', '100'], { encoding: 'utf8' });
  const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, number>;
  return {
    dynamodbCallsPerDecision: { trading: r.callsPerTradingDecision, noOrders: r.callsPerQuietDecision, coldProcessTrading: r.callsFirstDecisionColdTrading },
    dynamodbMsP50: { trading: r.msP50Trading, noOrders: r.msP50Quiet },
    decisions: r.decisions,
  };
}

/** The gateway bundled with one exchange, and how long a fresh process takes to import it. */
async function exchange(): Promise<Record<string, unknown>> {
  process.stderr.write('bench: exchange gateway bundle…\n');
  return { ...(await measureExchangeBundle()) };
}

/**
 * Issue 5: each function bundled as the stack bundles it, its size, what fills it, and its
 * import time in fresh processes against `import 'ccxt'`. Writes the `functions`, `baseline`,
 * `goals` and `functionsRun` sections.
 */
async function functions(): Promise<Record<string, unknown>> {
  const result = await measureFunctions();
  console.log(formatFunctionsTable(result));
  return result;
}

/**
 * Issue 21: the parameter search's worker pool, one worker and all of them alternated, medians
 * (goal: at least 2,000,000 candle evaluations/s with all, and 1.6× one), with CPU-based figures
 * and the machine's load (measureOptimizePool); and the Lambda
 * figure from one Distributed Map task run through the real handler (optimizeLambdaFigures).
 */
function optimize(): Record<string, unknown> {
  const bare = (previousResults().backtest as { cpuCandlesPerSecond?: number } | undefined)?.cpuCandlesPerSecond;
  return {
    ...measureOptimizePool(bare),
    ...optimizeLambdaFigures(),
    goals: { candleEvaluationsPerSecond: 2_000_000, allToOneRatio: 1.6 },
  };
}

function previousResults(): Record<string, unknown> {
  return existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>) : {};
}

/** Each group returns the top-level sections of results.json it replaces. */
const GROUPS: Record<string, () => Record<string, unknown> | Promise<Record<string, unknown>>> = {
  backtest: () => ({ backtest: backtest() }),
  decimal: () => ({ decimal: decimal() }),
  decision: () => ({ decision: decision() }),
  exchange: async () => ({ exchange: await exchange() }),
  functions,
  cost: () => ({ cost: measureMonthlyCost() }),
  model: () => ({ model: measureModelRuntime() }),
  llm: async () => ({ llm: await measureLlmFigures() }),
  optimize: () => ({ optimize: optimize() }),
};
const chosen = process.argv.slice(2).filter((name) => name in GROUPS);
const previous: Record<string, unknown> = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>) : {};
let sections: Record<string, unknown> = {};
for (const name of chosen.length > 0 ? chosen : Object.keys(GROUPS)) sections = { ...sections, ...(await GROUPS[name]?.()) };
// The llm strategy's monthly cost sits beside the bot's own (issue 19).
if (sections.llm !== undefined) sections.cost = { ...((sections.cost ?? previous.cost) as object), llmMonthlyUsd: (sections.llm as { monthlyUsd: number }).monthlyUsd };
const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, measuredAt: new Date().toISOString() };
const results = mergeResults(previous, sections, machine);
writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(Object.fromEntries(Object.entries(results).filter(([k]) => k !== 'machine'))));
