import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BacktestConfig } from '../../domain/config.js';
import type { CandleFileNaming } from '../backtest/loadCandleFile.js';
import { loadCandleSeries } from '../backtest/loadCandleSeries.js';
import { createProgress } from '../backtest/progress.js';
import { type SearchData, evaluateWindow, prepareSearchData } from './evaluateWindow.js';
import type { Objective } from './objectives.js';
import { renderOptimizeReport } from './renderOptimizeReport.js';
import { runSearch } from './runSearch.js';
import { randomSampler, tpeSampler } from './samplers.js';
import { type SearchSpace, dimensions, splitParams } from './searchSpace.js';
import { mulberry32 as seededRandom } from '../../domain/mulberry32.js';
import { type RankedTrial, type SearchSummary, summarizeSearch } from './summarizeSearch.js';
import { type LoggedTrial, TrialLog } from './trialLog.js';
import { cpuUsedSince } from './threadCpuSeconds.js';
import { walkForwardWindows } from './walkForward.js';
import { WorkerPool } from './workerPool.js';

export interface OptimizeSettings {
  readonly files: readonly string[];
  readonly naming: CandleFileNaming;
  readonly config: BacktestConfig;
  readonly space: SearchSpace;
  readonly method: 'random' | 'tpe';
  readonly trials: number;
  readonly folds: number;
  readonly objective: Objective;
  readonly workers: number;
  readonly seed: number;
  readonly outDir: string;
  readonly showProgress?: boolean;
}

/** What `promote` reads: the winner and its out-of-sample record. */
export interface RunSummaryFile {
  readonly runId: string;
  readonly strategy: string;
  readonly objective: Objective;
  readonly winner: (RankedTrial & { readonly strategyParams: Record<string, unknown>; readonly risk: Record<string, unknown> }) | undefined;
  readonly walkForward: SearchSummary['walkForward'];
  readonly trials: number;
}

/**
 * A run's id is a hash of what makes its trials comparable (data, strategy, base config,
 * space, method, folds, objective, seed), not of the trial count: the same command again
 * resumes the run, and a larger --trials extends it.
 */
export function runIdOf(settings: OptimizeSettings): string {
  const { files, naming, config, space, method, folds, objective, seed } = settings;
  return createHash('sha256').update(JSON.stringify({ files, naming, config, space, method, folds, objective, seed })).digest('hex').slice(0, 12);
}

export interface OptimizeOutcome {
  readonly runId: string;
  readonly runDir: string;
  readonly summary: SearchSummary;
  readonly candleEvaluations: number;
  readonly seconds: number;
  /** CPU seconds the worker threads used on the search (local searches on Linux only). */
  readonly workerCpuSeconds?: number;
}

/** Runs (or resumes) a search on worker threads and writes trials.jsonl, summary.json and report.html. */
export async function optimizeSearch(settings: OptimizeSettings): Promise<OptimizeOutcome> {
  const runId = runIdOf(settings);
  const runDir = join(settings.outDir, runId);
  await mkdir(runDir, { recursive: true });
  const series = await loadCandleSeries(settings.files, settings.naming);
  const windows = walkForwardWindows(series, settings.folds);
  const data = prepareSearchData(series, settings.config, settings.objective, windows);
  const dims = dimensions(settings.space);
  const random = seededRandom(settings.seed);
  const sampler = settings.method === 'tpe' ? tpeSampler(dims, random) : randomSampler(dims, random);
  const log = new TrialLog(join(runDir, 'trials.jsonl'));
  const pool = await WorkerPool.start(settings.workers, { series, config: settings.config, objective: settings.objective, windows });
  const cpuAtStart = await pool.cpuSeconds();
  const progress = settings.showProgress === false ? undefined : createProgress(settings.trials * windows.length, { label: 'optimize' });
  let windowsDone = 0;
  let candleEvaluations = 0;
  const started = performance.now();
  let trials;
  let workerCpuSeconds: number | undefined;
  try {
    trials = await runSearch({
      sampler,
      trials: settings.trials,
      windows: windows.length,
      log,
      concurrency: settings.workers * 2,
      evaluate: async (params, window) => {
        const outcome = await pool.run(params, window);
        if (outcome.ok) candleEvaluations += outcome.metrics.candles;
        return outcome;
      },
      onWindow: () => progress?.update(++windowsDone, {}),
    });
    workerCpuSeconds = cpuUsedSince(cpuAtStart, await pool.cpuSeconds());
  } finally {
    progress?.stop();
    await pool.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const summary = await writeRunFiles(settings, runId, runDir, data, trials);
  return { runId, runDir, summary, candleEvaluations, seconds, ...(workerCpuSeconds === undefined ? {} : { workerCpuSeconds }) };
}

/**
 * After a search, local or distributed: the summary (what `promote` reads) and report.html,
 * with the winner's out-of-sample equity curve backtested here again, window after window.
 */
export async function writeRunFiles(settings: OptimizeSettings, runId: string, runDir: string, data: SearchData, trials: readonly LoggedTrial[]): Promise<SearchSummary> {
  const { windows } = data;
  const dims = dimensions(settings.space);
  const summary = summarizeSearch(trials, dims, windows.length);
  const winner = summary.ranked[0];
  const curve = { times: [] as number[], equity: [] as number[] };
  if (winner) {
    let scale = 1;
    for (let w = 1; w < windows.length; w++) {
      const outcome = await evaluateWindow(data, winner.params, w, true);
      if (!outcome.ok || !outcome.curve || outcome.curve.length === 0) continue;
      const c = outcome.curve;
      // Each window starts from the starting balance: chained, the next one starts where this one ended.
      for (let i = 0; i < c.length; i++) {
        curve.times.push(c.times[i] as number);
        curve.equity.push((c.equity[i] as number) * scale);
      }
      scale = (curve.equity.at(-1) as number) / (c.equity[0] as number);
    }
  }
  const file: RunSummaryFile = {
    runId,
    strategy: settings.config.strategy.name,
    objective: settings.objective,
    winner: winner && { ...winner, strategyParams: splitParams(winner.params).strategy, risk: splitParams(winner.params).risk },
    walkForward: summary.walkForward,
    trials: summary.trials,
  };
  await writeFile(join(runDir, 'summary.json'), `${JSON.stringify(file, null, 2)}\n`);
  await writeFile(join(runDir, 'report.html'), renderOptimizeReport({ runId, strategy: settings.config.strategy.name, objective: settings.objective, method: settings.method, summary, winnerOutOfSample: curve }));
  return summary;
}
