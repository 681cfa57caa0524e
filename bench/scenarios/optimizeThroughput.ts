// Candle evaluations per second of the parameter search's worker pool, with `workers` threads,
// over the file given: random trials of the default ema-crossover space, every window of 4 folds.
// Each worker first backtests one window untimed (its JIT warm-up, which a real search pays once
// and the first windows of this short one would be mostly); the CPU time of all threads is
// measured too, so the run tells how many cores the pool actually kept busy.
import { loadBacktestConfig } from '../../lib/runtime/backtest/loadBacktestConfig.js';
import { loadCandleSeries } from '../../lib/runtime/backtest/loadCandleSeries.js';
import { randomSampler } from '../../lib/runtime/optimize/samplers.js';
import { DEFAULT_SPACES, dimensions } from '../../lib/runtime/optimize/searchSpace.js';
import { mulberry32 as seededRandom } from '../../lib/domain/mulberry32.js';
import { walkForwardWindows } from '../../lib/runtime/optimize/walkForward.js';
import { WorkerPool } from '../../lib/runtime/optimize/workerPool.js';

const [file = '../shared/data/candles/ETH_BTC-1m.json', workersText = '2', trialsText = '16'] = process.argv.slice(2);
const workers = Number(workersText);
const config = await loadBacktestConfig(undefined, { strategy: 'ema-crossover' });
const series = await loadCandleSeries([file]);
const windows = walkForwardWindows(series, 4);
const pool = await WorkerPool.start(workers, { series, config, objective: 'sharpe', windows });
const sampler = randomSampler(dimensions(DEFAULT_SPACES['ema-crossover']!), seededRandom(7));
const jobs = Array.from({ length: Number(trialsText) }, () => sampler.next([])).flatMap((params) => windows.map((_, w) => ({ params, w })));
await Promise.all(Array.from({ length: workers }, () => pool.run(jobs[0]!.params, 0)));
const cpuBefore = process.cpuUsage();
const started = performance.now();
const outcomes = await Promise.all(jobs.map((job) => pool.run(job.params, job.w)));
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
await pool.stop();
const candles = outcomes.reduce((sum, o) => sum + (o.ok ? o.metrics.candles : 0), 0);
console.log(JSON.stringify({ workers, windows: jobs.length, candles, seconds: Number(seconds.toFixed(3)), candlesPerSecond: Math.round(candles / seconds), cpuSeconds: Number(cpuSeconds.toFixed(3)), coresBusy: Number((cpuSeconds / seconds).toFixed(2)), candlesPerCpuSecond: Math.round(candles / cpuSeconds) }));
