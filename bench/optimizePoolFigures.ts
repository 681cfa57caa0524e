import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

type Run = Record<string, number>;

/** One worker, then all of them, PAIRS times over: alternated, so a change in the machine's load falls on both. */
const PAIRS = 3;
/**
 * Timed trials a run, after WARMUP_TRIALS a worker. Each worker thread compiles the engine
 * for itself (V8's TurboFan on its background threads: some 2.5 s of CPU a thread in the
 * first 40 trials, and still 0.8 s over the next 120, re-optimizing as new plan shapes and
 * rare paths turn up), so a short run measures the compiler: with 2 untimed trials and 24
 * timed ones, two workers did 1.1x one, and the second worker's core went to the compiler.
 * The steady state is what a search of hundreds of trials runs at; the end-to-end figure
 * beside it counts the start and the warm-up too.
 */
const TRIALS = '240';
const WARMUP_TRIALS = '120';

/**
 * The parameter search's worker pool (issue 21), each measurement its own process
 * (scenarios/optimizeThroughput.ts). On this shared machine the wall-clock rates say more about
 * the neighbours than about the pool, so beside them: the CPU each run got (its process's, and
 * its worker threads' own), candles per CPU second, and the load average at each run. Every
 * figure is the median of its PAIRS runs; the all-to-one ratio is the median of the pairs' own
 * ratios (each pair measured back to back). `bareBacktestCpuCandlesPerSecond` is the engine
 * alone (the backtest group's figure), what a worker per CPU second can at most approach.
 */
export function measureOptimizePool(bareBacktestCpuCandlesPerSecond: number | undefined): Record<string, unknown> {
  const script = fileURLToPath(new URL('./scenarios/optimizeThroughput.ts', import.meta.url));
  const all = cpus().length;
  const run = (workers: number): Run => {
    process.stderr.write(`bench: optimize worker pool, ${workers} worker(s)…\n`);
    const out = execFileSync(process.execPath, ['--import', 'tsx', script, '../shared/data/candles/ETH_BTC-1m.json', String(workers), TRIALS, WARMUP_TRIALS], { encoding: 'utf8' });
    return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Run;
  };
  const loadBefore = loadavg()[0] ?? 0;
  const pairs = Array.from({ length: PAIRS }, () => ({ one: run(1), all: run(all) }));
  const one = medians(pairs.map((p) => p.one));
  const many = medians(pairs.map((p) => p.all));
  const figure = (key: string) => ({ one: one[key], all: many[key] });
  const perCore = many.candlesPerCpuSecond ?? 0;
  return {
    candleEvaluationsPerSecond: many.candlesPerSecond,
    oneWorkerCandleEvaluationsPerSecond: one.candlesPerSecond,
    workers: all,
    allToOneRatio: ratio(median(pairs.map((p) => (p.all.candlesPerSecond ?? 0) / (p.one.candlesPerSecond || 1)))),
    endToEnd: {
      candleEvaluationsPerSecond: figure('endToEndCandlesPerSecond'),
      allToOneRatio: ratio(median(pairs.map((p) => (p.all.endToEndCandlesPerSecond ?? 0) / (p.one.endToEndCandlesPerSecond || 1)))),
      warmupSeconds: figure('warmupSeconds'),
    },
    coresBusy: figure('coresBusy'),
    candlesPerCpuSecond: figure('candlesPerCpuSecond'),
    loadAverage1m: { before: round1(loadBefore), after: round1(loadavg()[0] ?? 0), atEachRun: pairs.map((p) => [p.one.loadAverage1m, p.all.loadAverage1m]) },
    method: `${PAIRS} pairs of runs (1 worker, then ${all}), alternated; each figure the median of its runs; ${TRIALS} random ema-crossover trials × 5 windows of ETH/BTC 1m a run, after ${WARMUP_TRIALS} warm-up trials a worker (timed apart: endToEnd counts them and the workers' start)`,
    workerCoresObtained: figure('workerCoresObtained'),
    candlesPerWorkerThreadCpuSecond: figure('candlesPerWorkerCpuSecond'),
    allToOneRatioByCpu: ratio((many.candlesPerCpuSecond ?? 0) / (one.candlesPerCpuSecond || 1)),
    workerStartup: { seconds: figure('startupSeconds'), cpuSeconds: figure('startupCpuSeconds') },
    bareBacktestCpuCandlesPerSecond: bareBacktestCpuCandlesPerSecond ?? null,
    // What `all` workers would do with every core to themselves, at the rate per CPU second they showed; the goal needs 1,000,000 per core.
    projectedOnIdleCoresCandlesPerSecond: Math.round(perCore * all),
    cpuCandlesPerSecondNeededPerCoreForGoal: Math.round(2_000_000 / all),
    runs: pairs,
  };
}

function medians(runs: readonly Run[]): Run {
  const keys = new Set(runs.flatMap((r) => Object.keys(r)));
  return Object.fromEntries([...keys].map((key) => [key, median(runs.map((r) => r[key] ?? 0))]));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const ratio = (value: number) => Number(value.toFixed(3));
const round1 = (value: number) => Number(value.toFixed(1));
