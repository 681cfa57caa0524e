import { parseWith } from '../../../domain/validation.js';
import type { ObjectStore } from '../../../ports/ObjectStore.js';
import { type SearchData, evaluateWindow } from '../evaluateWindow.js';
import { decodeRunData, runKeys } from './runObjects.js';
import { type TrialBatchAnswer, type TrialBatchItem, TrialBatchItemSchema, type TrialBatchResult } from './trialBatch.js';

/**
 * The run data a warm task already decoded, by key: the tasks of one run share the same
 * candles, and decoding a year of 1m candles costs more than a small batch of trials.
 */
export class RunDataCache {
  private key: string | undefined;
  private data: Promise<SearchData> | undefined;

  load(store: ObjectStore, key: string): Promise<SearchData> {
    if (this.key !== key || this.data === undefined) {
      this.key = key;
      this.data = store.get(key).then((bytes) => {
        if (bytes === undefined) throw new Error(`${store.location}/${key}: no run data (was the run's data uploaded before the execution started?)`);
        return decodeRunData(bytes, key);
      });
      this.data.catch(() => (this.data = undefined));
    }
    return this.data;
  }
}

/**
 * Runs one Map item: every parameter set of the batch on every window named, with the same
 * evaluateWindow (engine, fill model, money rules, objective) the local search uses, and
 * writes the outcomes to the item's result object. A retried item whose result is already
 * stored is not run again.
 */
export async function runTrialBatch(store: ObjectStore, input: unknown, cache = new RunDataCache()): Promise<TrialBatchAnswer> {
  const item: TrialBatchItem = parseWith(TrialBatchItemSchema, input, 'trial batch item');
  const keys = runKeys(item.runId);
  const resultKey = keys.result(item);
  if (await store.has(resultKey)) return { item: item.item, resultKey, trials: item.trials.length, reused: true };
  const data = await cache.load(store, keys.data);
  let candleEvaluations = 0;
  const trials: TrialBatchResult['trials'][number][] = [];
  for (const trial of item.trials) {
    const outcomes = [];
    for (const window of item.windows) {
      if (window >= data.windows.length) throw new Error(`trial batch item ${item.item}: window ${window} is not one of the run's ${data.windows.length}`);
      const outcome = await evaluateWindow(data, trial.params, window);
      if (outcome.ok) candleEvaluations += outcome.metrics.candles;
      outcomes.push({ window, outcome });
    }
    trials.push({ id: trial.id, params: trial.params, outcomes });
  }
  const result: TrialBatchResult = { runId: item.runId, item: item.item, trials, candleEvaluations };
  await store.put(resultKey, JSON.stringify(result), 'application/json');
  return { item: item.item, resultKey, trials: item.trials.length, reused: false };
}
