import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryObjectStore } from '../../../../lib/adapters/filesystem/DirectoryObjectStore.js';
import { BacktestConfigSchema } from '../../../../lib/domain/config.js';
import { decodeRunData, encodeRunData, runKeys } from '../../../../lib/runtime/optimize/distributed/runObjects.js';
import { runTrialBatch } from '../../../../lib/runtime/optimize/distributed/runTrialBatch.js';
import { batchItems, type TrialBatchResult } from '../../../../lib/runtime/optimize/distributed/trialBatch.js';
import { evaluateWindow } from '../../../../lib/runtime/optimize/evaluateWindow.js';
import { walkForwardWindows } from '../../../../lib/runtime/optimize/walkForward.js';
import { readSharedCandles } from '../../../support/sharedCandles.js';

const dir = mkdtempSync(join(tmpdir(), 'trial-batch-'));
const store = new DirectoryObjectStore(dir);
const series = [{ file: 'UNITTEST_BTC-30m.json', symbol: 'UNITTEST/BTC', timeframe: '30m' as const, candles: readSharedCandles('UNITTEST_BTC-30m.json').slice(0, 600) }];
const config = BacktestConfigSchema.parse({ strategy: { name: 'ema-crossover', params: {} } });
const windows = walkForwardWindows(series, 1);
const params = { 'strategy.fastPeriod': 5, 'strategy.slowPeriod': 20 };

beforeAll(async () => {
  await store.put(runKeys('run-1').data, encodeRunData(series, config, 'profit', windows));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runTrialBatch: one Distributed Map item', () => {
  it('scores each parameter set on each window as evaluateWindow does on the original candles, and writes one result', async () => {
    const [item] = batchItems('run-1', [{ id: 0, params }, { id: 1, params: { ...params, 'strategy.fastPeriod': 30 } }], windows.length, 10);
    const answer = await runTrialBatch(store, item);
    const result = JSON.parse(Buffer.from((await store.get(answer.resultKey))!).toString()) as TrialBatchResult;
    const data = decodeRunData((await store.get(runKeys('run-1').data))!, 'data');

    expect(answer).toMatchObject({ item: 0, trials: 2, reused: false });
    expect(result.trials[0]?.outcomes.map((o) => o.window)).toEqual([0, 1]);
    expect(result.trials[0]?.outcomes[1]?.outcome).toEqual(await evaluateWindow(data, params, 1));
    expect(result.trials[1]?.outcomes[0]?.outcome.ok).toBe(false);
    expect(data.series[0]?.candles).toEqual(series[0]?.candles);
  });

  it('does not run an item again whose result is stored, and gives a different item a different key', async () => {
    const [item] = batchItems('run-1', [{ id: 5, params }], windows.length, 10);
    const first = await runTrialBatch(store, item);
    const again = await runTrialBatch(store, item);
    const [other] = batchItems('run-1', [{ id: 5, params: { ...params, 'strategy.slowPeriod': 21 } }], windows.length, 10);

    expect([first.reused, again.reused]).toEqual([false, true]);
    expect(again.resultKey).toBe(first.resultKey);
    expect(runKeys('run-1').result(other!)).not.toBe(first.resultKey);
  });

  it('refuses a malformed item naming the field, and a run with no data naming the key', async () => {
    await expect(runTrialBatch(store, { runId: '../etc', item: 0, trials: [{ id: 0, params }], windows: [0] })).rejects.toThrow(/trial batch item: runId/);
    await expect(runTrialBatch(store, { runId: 'run-1', item: 0, trials: [], windows: [0] })).rejects.toThrow(/trial batch item: trials/);
    await expect(runTrialBatch(store, { runId: 'run-2', item: 0, trials: [{ id: 0, params }], windows: [0] })).rejects.toThrow(/runs\/run-2\/data.json.gz: no run data/);
  });

  it('keeps directory keys inside the store', async () => {
    await expect(store.put('../outside', 'x')).rejects.toThrow(/object key: "..\/outside" is not a path inside/);
    // One result from each item run above; the run's data object is not under results/.
    expect(await store.list('runs/run-1/results/')).toHaveLength(2);
  });
});
