// Candle evaluations per second of the parameter search's worker pool, with `workers` threads,
// over the file given: random trials of the default ema-crossover space, every window of 4 folds.
// Each worker first backtests `warm-up` trials, timed apart: its JIT warm-up, which a real search
// pays once per worker thread (each thread compiles the engine for itself, some 2.5 s of
// TurboFan's background CPU) and which would be most of a short run. Beside wall-clock, CPU time: each
// worker thread's own (read by the worker) and the whole process's, so the run tells how many
// cores the pool actually got and how fast a worker is per CPU second, whatever the neighbours do.
import { loadavg } from 'node:os';
import { loadBacktestConfig } from '../../lib/runtime/backtest/loadBacktestConfig.js';
import { loadCandleSeries } from '../../lib/runtime/backtest/loadCandleSeries.js';
import { randomSampler } from '../../lib/runtime/optimize/samplers.js';
import { DEFAULT_SPACES, dimensions } from '../../lib/runtime/optimize/searchSpace.js';
import { mulberry32 as seededRandom } from '../../lib/domain/mulberry32.js';
import { cpuUsedSince } from '../../lib/runtime/optimize/threadCpuSeconds.js';
import { walkForwardWindows } from '../../lib/runtime/optimize/walkForward.js';
import { WorkerPool } from '../../lib/runtime/optimize/workerPool.js';

const [file = '../shared/data/candles/ETH_BTC-1m.json', workersText = '2', trialsText = '24', warmupText = '2'] = process.argv.slice(2);
const workers = Number(workersText);
const config = await loadBacktestConfig(undefined, { strategy: 'ema-crossover' });
const series = await loadCandleSeries([file]);
const windows = walkForwardWindows(series, 4);
const startCpu = process.cpuUsage();
const startWall = performance.now();
const pool = await WorkerPool.start(workers, { series, config, objective: 'sharpe', windows });
const startup = { seconds: (performance.now() - startWall) / 1000, cpu: process.cpuUsage(startCpu) };
// The timed trials are the same whatever the number of workers: drawn first, from their own
// seed; the warm-up's come from another.
const space = dimensions(DEFAULT_SPACES['ema-crossover']!);
const draw = (trials: number, seed: number) => {
  const sampler = randomSampler(space, seededRandom(seed));
  return Array.from({ length: trials }, () => sampler.next([])).flatMap((params) => windows.map((_, w) => ({ params, w })));
};
const jobs = draw(Number(trialsText), 7);
const warmup = draw(Number(warmupText) * workers, 8);
const warmupStarted = performance.now();
const warmupOutcomes = await Promise.all(warmup.map((job) => pool.run(job.params, job.w)));
const warmupSeconds = (performance.now() - warmupStarted) / 1000;
const warmupCandles = warmupOutcomes.reduce((sum, o) => sum + (o.ok ? o.metrics.candles : 0), 0);
const workerCpuBefore = await pool.cpuSeconds();
const cpuBefore = process.cpuUsage();
const started = performance.now();
const outcomes = await Promise.all(jobs.map((job) => pool.run(job.params, job.w)));
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const workerCpuSeconds = cpuUsedSince(workerCpuBefore, await pool.cpuSeconds()) ?? Number.NaN;
await pool.stop();
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const candles = outcomes.reduce((sum, o) => sum + (o.ok ? o.metrics.candles : 0), 0);
const round = (value: number, digits: number) => Number(value.toFixed(digits));
console.log(
  JSON.stringify({
    workers,
    windows: jobs.length,
    candles,
    seconds: round(seconds, 3),
    candlesPerSecond: Math.round(candles / seconds),
    cpuSeconds: round(cpuSeconds, 3),
    coresBusy: round(cpuSeconds / seconds, 2),
    candlesPerCpuSecond: Math.round(candles / cpuSeconds),
    workerCpuSeconds: round(workerCpuSeconds, 2),
    workerCoresObtained: round(workerCpuSeconds / seconds, 2),
    candlesPerWorkerCpuSecond: Math.round(candles / workerCpuSeconds),
    startupSeconds: round(startup.seconds, 2),
    startupCpuSeconds: round((startup.cpu.user + startup.cpu.system) / 1e6, 2),
    warmupSeconds: round(warmupSeconds, 2),
    warmupCandles,
    // The whole search from a cold start: starting the workers, their warm-up and the timed part.
    endToEndCandlesPerSecond: Math.round((warmupCandles + candles) / (startup.seconds + warmupSeconds + seconds)),
    loadAverage1m: round(loadavg()[0] ?? 0, 1),
  }),
);
