import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { AWS_PRICES } from './cost/awsPrices.js';

const YEAR_OF_MINUTES = 525_600;
/** The Optimizer's function: 1,769 MB is one full vCPU. */
const MEMORY_GB = 1.769;
/** Trials per Map item, the CLI's default --batch. */
const BATCH = 10;
/**
 * Step Functions bills a standard child execution's transitions: the task state's entry and
 * its success, counted as 2 an item; plus the parent's few (Choice, Map, Succeed) an execution.
 */
const TRANSITIONS_PER_ITEM = 2;
/** Per item: the task GETs the run's data and HEADs its result key, PUTs the result; the CLI LISTs and GETs it. */
const S3_PER_ITEM = { gets: 3, puts: 1, lists: 1 };

/**
 * `optimize.lambdaSecondsPer1000Trials`: one Distributed Map task (a batch of BATCH trials ×
 * the 5 windows of 4 folds) run through the real trial-batch handler on the largest candle
 * file here (ETH/BTC 1m, 14,397 candles), its seconds per candle evaluation scaled to a trial
 * over a year of 1m candles. The task's CPU seconds on this machine's core stand for the
 * function's one vCPU (not Lambda's Graviton; the wall-clock figure is given beside it). Priced at us-east-1 list prices (arm64 GB-s,
 * Lambda requests, Step Functions transitions, S3 requests); free tiers not applied.
 */
export function optimizeLambdaFigures(): Record<string, unknown> {
  process.stderr.write('bench: optimize, one Distributed Map task through the trial-batch handler…\n');
  const script = fileURLToPath(new URL('./scenarios/optimizeTrialBatch.ts', import.meta.url));
  const load = loadavg()[0] ?? 0;
  const task = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', script, '../shared/data/candles/ETH_BTC-1m.json', String(BATCH)], { encoding: 'utf8' }).trim().split('\n').pop() ?? '{}') as Record<string, number>;
  // CPU seconds, not wall-clock: this shared machine gives the process a fraction of a core, the function has a whole vCPU.
  const per1000Trials = (seconds: number) => Math.round((seconds / (task.candleEvaluations || 1)) * YEAR_OF_MINUTES * 1000);
  const lambdaSecondsPer1000Trials = per1000Trials(task.cpuSeconds ?? 0);
  const items = 1000 / BATCH;
  const dollars = {
    lambdaCompute: lambdaSecondsPer1000Trials * MEMORY_GB * AWS_PRICES.lambda.perGbSecondArm,
    lambdaRequests: (items / 1e6) * AWS_PRICES.lambda.perMillionRequests,
    stepFunctions: ((items * TRANSITIONS_PER_ITEM + 4) / 1000) * AWS_PRICES.stepFunctions.perThousandTransitions,
    s3: (items * S3_PER_ITEM.gets * AWS_PRICES.s3.perThousandGets + items * (S3_PER_ITEM.puts + S3_PER_ITEM.lists) * AWS_PRICES.s3.perThousandPuts) / 1000,
  };
  const total = Object.values(dollars).reduce((sum, d) => sum + d, 0);
  return {
    lambdaSecondsPer1000Trials,
    lambdaDollarsPer1000Trials: Number(total.toFixed(2)),
    wallClockSecondsPer1000TrialsHere: per1000Trials(task.seconds ?? 0),
    lambdaDollarsPer1000TrialsBreakdown: Object.fromEntries(Object.entries(dollars).map(([k, v]) => [k, Number(v.toPrecision(3))])),
    lambdaMeasuredTask: { ...task, loadAverage1m: Number(load.toFixed(1)) },
    lambdaFigureIs: `one task (${BATCH} trials × 5 windows of ETH/BTC 1m, ${task.seriesCandles} candles) through the trial-batch handler on this machine, candles decoded included, its CPU seconds (one core's worth, as the function's one vCPU) scaled to a year of 1m candles a trial; ${MEMORY_GB * 1000} MB arm64 at $${AWS_PRICES.lambda.perGbSecondArm}/GB-s, ${TRANSITIONS_PER_ITEM} transitions an item, S3 requests at list prices`,
  };
}
