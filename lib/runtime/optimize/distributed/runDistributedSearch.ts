import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { mulberry32 as seededRandom } from '../../../domain/mulberry32.js';
import type { BatchExecutions } from '../../../ports/BatchExecutions.js';
import type { ObjectStore } from '../../../ports/ObjectStore.js';
import { loadCandleSeries } from '../../backtest/loadCandleSeries.js';
import { prepareSearchData } from '../evaluateWindow.js';
import { type OptimizeOutcome, type OptimizeSettings, runIdOf, writeRunFiles } from '../optimizeSearch.js';
import { randomSampler, tpeSampler } from '../samplers.js';
import { dimensions } from '../searchSpace.js';
import { scoreSoFar } from '../runSearch.js';
import { type LoggedTrial, TrialLog } from '../trialLog.js';
import { walkForwardWindows } from '../walkForward.js';
import { encodeRunData, runKeys } from './runObjects.js';
import { type TrialBatchItem, type TrialBatchResult, batchItems } from './trialBatch.js';

export interface DistributedSettings extends OptimizeSettings {
  readonly store: ObjectStore;
  readonly executions: BatchExecutions;
  /** Parameter sets per Map item (one task). */
  readonly batchSize: number;
  /** Draws in this many rounds, one execution each, so TPE learns from the rounds before. */
  readonly rounds: number;
  /** Items up to this many bytes of JSON go in the execution's input; more go through the items file. @default 128 KiB */
  readonly maxInlineBytes?: number;
  /** @default 5000 */
  readonly pollMs?: number;
  readonly onProgress?: (progress: { readonly round: number; readonly itemsDone: number; readonly items: number }) => void;
  /** Names executions; tests fix it. @default Date.now */
  readonly now?: () => number;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The search on the deployed Optimizer: the candles uploaded once, then per round the trials
 * drawn, cut into items (a batch of parameter sets × every window), run as one Distributed
 * Map execution, and each item's result appended to trials.jsonl as it lands in the store.
 * A distributed trial runs all its windows (no successive halving: within one wide Map no
 * trial waits on another's score). Interrupted, the same command resumes: trials with an
 * outcome are kept, items whose result is stored are not run again.
 */
export async function runDistributedSearch(settings: DistributedSettings): Promise<OptimizeOutcome> {
  const runId = `${runIdOf(settings)}-aws`;
  const keys = runKeys(runId);
  const runDir = join(settings.outDir, runId);
  await mkdir(runDir, { recursive: true });
  const series = await loadCandleSeries(settings.files, settings.naming);
  const windows = walkForwardWindows(series, settings.folds);
  const data = prepareSearchData(series, settings.config, settings.objective, windows);
  const { store } = settings;
  if (!(await store.has(keys.data))) await store.put(keys.data, encodeRunData(series, settings.config, settings.objective, windows), 'application/gzip');

  const dims = dimensions(settings.space);
  const random = seededRandom(settings.seed);
  const sampler = settings.method === 'tpe' ? tpeSampler(dims, random) : randomSampler(dims, random);
  const log = new TrialLog(join(runDir, 'trials.jsonl'));
  const trials = await log.read();
  const byId = new Map(trials.map((t) => [t.id, t]));
  let candleEvaluations = 0;
  const started = performance.now();
  const perRound = Math.ceil(settings.trials / settings.rounds);

  for (let round = 0; ; round++) {
    const history = trials.filter((t) => t.status !== undefined).map((t) => ({ params: t.params, score: scoreSoFar(t) }));
    const batch = trials.filter((t) => t.status === undefined);
    let nextId = trials.reduce((max, t) => Math.max(max, t.id + 1), 0);
    while (batch.length < perRound && trials.length < settings.trials) {
      const trial: LoggedTrial = { id: nextId++, params: sampler.next(history), windows: [] };
      trials.push(trial);
      byId.set(trial.id, trial);
      batch.push(trial);
      await log.append({ kind: 'trial', id: trial.id, params: trial.params });
    }
    if (batch.length === 0) break;
    const items = batchItems(runId, batch, windows.length, settings.batchSize);
    candleEvaluations += await runRound(settings, round, items, async (result) => {
      for (const done of result.trials) {
        const trial = byId.get(done.id);
        if (trial === undefined || trial.status !== undefined) continue;
        for (const { window, outcome } of done.outcomes) {
          trial.windows[window] = outcome;
          await log.append({ kind: 'window', id: trial.id, window, outcome });
        }
        trial.status = done.outcomes.every((o) => o.outcome.ok) ? 'done' : 'failed';
        await log.append({ kind: 'end', id: trial.id, status: trial.status });
      }
    });
  }
  const seconds = (performance.now() - started) / 1000;
  const summary = await writeRunFiles(settings, runId, runDir, data, trials);
  return { runId, runDir, summary, candleEvaluations, seconds };
}

/** One execution over the items whose results are not stored yet; every item's result handed to `settle` once. Returns the candles evaluated. */
async function runRound(settings: DistributedSettings, round: number, items: readonly TrialBatchItem[], settle: (result: TrialBatchResult) => Promise<void>): Promise<number> {
  const { store, executions } = settings;
  const keys = runKeys(items[0]?.runId ?? '');
  const outstanding = new Map(items.map((item) => [keys.result(item), item]));
  let evaluations = 0;
  const report = () => settings.onProgress?.({ round, itemsDone: items.length - outstanding.size, items: items.length });
  const collect = async (): Promise<void> => {
    const stored = new Set(await store.list(keys.results));
    for (const key of [...outstanding.keys()]) {
      if (!stored.has(key)) continue;
      const bytes = await store.get(key);
      if (bytes === undefined) continue;
      const result = JSON.parse(Buffer.from(bytes).toString('utf8')) as TrialBatchResult;
      evaluations += result.candleEvaluations;
      await settle(result);
      outstanding.delete(key);
    }
    report();
  };
  await collect();
  if (outstanding.size === 0) return evaluations;

  const pending = [...outstanding.values()];
  const inline = JSON.stringify(pending);
  let input: Record<string, unknown>;
  if (Buffer.byteLength(inline) <= (settings.maxInlineBytes ?? 128 * 1024)) {
    input = { runId: pending[0]?.runId, items: pending };
  } else {
    const itemsKey = keys.itemsFile(round);
    await store.put(itemsKey, inline, 'application/json');
    input = { runId: pending[0]?.runId, itemsKey };
  }
  const name = `${pending[0]?.runId}-r${round}-${(settings.now ?? Date.now)()}`.slice(0, 80);
  const execution = await executions.start(name, input);
  for (;;) {
    const status = await executions.status(execution);
    await collect();
    if (status.status === 'SUCCEEDED') {
      if (outstanding.size > 0) throw new Error(`execution ${execution} succeeded, but ${outstanding.size} item result(s) are missing from ${store.location}/${keys.results}`);
      return evaluations;
    }
    if (status.status !== 'RUNNING' && status.status !== 'PENDING_REDRIVE') {
      throw new Error(`execution ${execution} ended ${status.status}${status.error ? `: ${status.error}` : ''}${status.cause ? ` (${status.cause})` : ''}; the results so far are in trials.jsonl, the same command resumes`);
    }
    await delay(settings.pollMs ?? 5000);
  }
}
