import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BacktestConfigSchema } from '../../../../lib/domain/config.js';
import { evaluateWindow, prepareSearchData } from '../../../../lib/runtime/optimize/evaluateWindow.js';
import { optimizeSearch } from '../../../../lib/runtime/optimize/optimizeSearch.js';
import { DEFAULT_SPACES } from '../../../../lib/runtime/optimize/searchSpace.js';
import { shareCandleSeries, unshareCandleSeries } from '../../../../lib/runtime/optimize/sharedCandles.js';
import type { TrialLogLine } from '../../../../lib/runtime/optimize/trialLog.js';
import { walkForwardWindows } from '../../../../lib/runtime/optimize/walkForward.js';
import { WorkerPool } from '../../../../lib/runtime/optimize/workerPool.js';
import { readSharedCandles } from '../../../support/sharedCandles.js';

const series = [{ file: 'UNITTEST_BTC-30m.json', symbol: 'UNITTEST/BTC', timeframe: '30m' as const, candles: readSharedCandles('UNITTEST_BTC-30m.json').slice(0, 600) }];
const config = BacktestConfigSchema.parse({ strategy: { name: 'ema-crossover', params: {} } });
const windows = walkForwardWindows(series, 2);
const paramSets: Record<string, number>[] = [
  { 'strategy.fastPeriod': 5, 'strategy.slowPeriod': 20 },
  { 'strategy.fastPeriod': 8, 'strategy.slowPeriod': 30, 'risk.riskPerTradePct': 0.02 },
  { 'strategy.fastPeriod': 30, 'strategy.slowPeriod': 10 },
];
let pool: WorkerPool;

beforeAll(async () => {
  pool = await WorkerPool.start(2, { series, config, objective: 'sharpe', windows });
});
afterAll(() => pool.stop());

describe('WorkerPool', () => {
  it('shares candles with its workers exactly: every figure comes back as it went', () => {
    expect(unshareCandleSeries(shareCandleSeries(series))).toEqual(series);
  });

  it('scores each window on its workers as evaluateWindow does in this thread, refusals and equity curves included', async () => {
    const data = prepareSearchData(series, config, 'sharpe', windows);
    const jobs = paramSets.flatMap((params) => windows.map((_, window) => ({ params, window, keepCurve: window === 1 })));
    const pooled = await Promise.all(jobs.map((job) => pool.run(job.params, job.window, job.keepCurve)));
    const here = await Promise.all(jobs.map((job) => evaluateWindow(data, job.params, job.window, job.keepCurve)));

    expect(pooled).toEqual(here);
    expect(pooled.filter((o) => o.ok && o.metrics.trades > 0).length).toBeGreaterThan(0);
    expect(pooled.filter((o) => !o.ok)).toHaveLength(windows.length);
    expect(pooled.some((o) => o.ok && o.curve !== undefined && o.curve.length > 0)).toBe(true);
  });

  it('tells each worker thread its own CPU time, which only grows', async () => {
    const before = await pool.cpuSeconds();
    await Promise.all(windows.map((_, window) => pool.run(paramSets[0]!, window)));
    const after = await pool.cpuSeconds();
    expect(after).toHaveLength(2);
    if (process.platform !== 'linux') return;
    for (const [i, seconds] of after.entries()) expect(seconds).toBeGreaterThanOrEqual(before[i]!);
    expect(after.reduce((sum, s) => sum! + s!, 0)).toBeGreaterThan(0);
  });
});

describe('optimizeSearch on worker threads', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('draws the same trials with the same seed and scores every window the same, whichever worker ran it', async () => {
    const search = async (workers: number) => {
      const dir = await mkdtemp(join(tmpdir(), 'optimize-'));
      dirs.push(dir);
      const file = join(dir, 'UNITTEST_BTC-30m.json');
      await writeFile(file, JSON.stringify(series[0]!.candles.map((c) => [c.openTime, c.open, c.high, c.low, c.close, c.volume])));
      const outcome = await optimizeSearch({ files: [file], naming: {}, config, space: DEFAULT_SPACES['ema-crossover']!, method: 'random', trials: 5, folds: 2, objective: 'sharpe', workers, seed: 4, outDir: dir, showProgress: false });
      const lines = (await readFile(join(outcome.runDir, 'trials.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as TrialLogLine);
      const trials = lines.filter((l) => l.kind === 'trial').sort((a, b) => a.id - b.id);
      const scored = new Map(lines.flatMap((l) => (l.kind === 'window' ? [[`${l.id}#${l.window}`, l.outcome] as const] : [])));
      return { outcome, trials, scored };
    };
    const one = await search(1);
    const two = await search(2);

    expect(two.trials).toEqual(one.trials);
    const both = [...one.scored.keys()].filter((key) => two.scored.has(key));
    expect(both.length).toBeGreaterThanOrEqual(5);
    for (const key of both) expect(two.scored.get(key)).toEqual(one.scored.get(key));
    expect(one.outcome.candleEvaluations).toBeGreaterThan(0);
    if (process.platform === 'linux') expect(one.outcome.workerCpuSeconds).toBeGreaterThan(0);
  });
});
