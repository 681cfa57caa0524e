import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTIMIZER_STATES } from '../../cdk/constructs/optimizerDefinition.js';
import { S3Client } from '@aws-sdk/client-s3';
import { DirectoryObjectStore } from '../../lib/adapters/filesystem/DirectoryObjectStore.js';
import { S3ObjectStore } from '../../lib/adapters/s3/S3ObjectStore.js';
import { loadBacktestConfig } from '../../lib/runtime/backtest/loadBacktestConfig.js';
import { loadCandleSeries } from '../../lib/runtime/backtest/loadCandleSeries.js';
import { createTrialBatchHandler } from '../../lib/runtime/lambda/optimize/createTrialBatchHandler.js';
import { runDistributedSearch } from '../../lib/runtime/optimize/distributed/runDistributedSearch.js';
import { evaluateWindow, prepareSearchData } from '../../lib/runtime/optimize/evaluateWindow.js';
import type { OptimizeSettings } from '../../lib/runtime/optimize/optimizeSearch.js';
import { DEFAULT_SPACES } from '../../lib/runtime/optimize/searchSpace.js';
import { TrialLog } from '../../lib/runtime/optimize/trialLog.js';
import { walkForwardWindows } from '../../lib/runtime/optimize/walkForward.js';
import type { AslDefinition } from '../support/aslDefinition.js';
import { LocalOptimizerExecutions } from '../support/localOptimizerExecutions.js';
import { LoopbackS3Server } from '../support/LoopbackS3Server.js';
import { synthOptimizer } from '../support/optimizerStack.js';

const CANDLES = resolve('../shared/data/candles/UNITTEST_BTC-30m.json');
let definition: AslDefinition;
let dir: string;
let s3: LoopbackS3Server;
/** The bucket as the deployed handler and CLI reach it: the real S3 client, here over loopback. */
let bucket: S3ObjectStore;

beforeAll(async () => {
  ({ definition } = synthOptimizer());
  dir = mkdtempSync(join(tmpdir(), 'optimizer-flow-'));
  s3 = await LoopbackS3Server.start(['optimizer-bucket']);
  const client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  bucket = new S3ObjectStore(client, 'optimizer-bucket');
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await s3.stop();
});

const readdirNames = (path: string) => readdir(path);

async function settings(outDir: string): Promise<OptimizeSettings> {
  return {
    files: [CANDLES],
    naming: {},
    config: await loadBacktestConfig(undefined, { strategy: 'ema-crossover' }),
    space: DEFAULT_SPACES['ema-crossover']!,
    method: 'random',
    trials: 7,
    folds: 2,
    objective: 'sharpe',
    workers: 1,
    seed: 5,
    outDir,
    showProgress: false,
  };
}

describe('Flow: the synthesized optimizer state machine, each task the real trial-batch handler', () => {
  it('runs every trial on every window through the inline Map and scores each exactly as the local search does', async () => {
    const store = bucket;
    const handler = createTrialBatchHandler(store);
    const calls: unknown[] = [];
    const executions = new LocalOptimizerExecutions(definition, [OPTIMIZER_STATES.taskInline, OPTIMIZER_STATES.taskFromFile], (event) => {
      calls.push(event);
      return handler(event);
    });
    const base = await settings(join(dir, 'out'));
    const outcome = await runDistributedSearch({ ...base, store, executions, batchSize: 3, rounds: 1, pollMs: 5, now: () => 1 });

    expect(executions.inputs).toHaveLength(1);
    expect(executions.inputs[0]?.runId).toBe(outcome.runId);
    expect((executions.inputs[0]?.items as unknown[]).length).toBe(3);
    expect(calls).toHaveLength(3);
    expect(s3.keys('optimizer-bucket').filter((key) => key.startsWith(`runs/${outcome.runId}/results/`))).toHaveLength(3);
    const logged = await new TrialLog(join(outcome.runDir, 'trials.jsonl')).read();
    expect(logged).toHaveLength(7);

    // The local optimizer's own evaluation of the same parameter sets on the same windows.
    const series = await loadCandleSeries(base.files);
    const data = prepareSearchData(series, base.config, base.objective, walkForwardWindows(series, base.folds));
    for (const trial of logged) {
      for (let w = 0; w < 3; w++) {
        const local = JSON.parse(JSON.stringify(await evaluateWindow(data, trial.params, w))) as unknown;
        expect(trial.windows[w], `trial ${trial.id} window ${w}`).toEqual(local);
      }
      // A set the strategy refuses (fast period not below the slow one) fails on every window, here as locally.
      expect(trial.status).toBe(trial.windows.every((o) => o?.ok === true) ? 'done' : 'failed');
    }
    expect(logged.some((t) => t.windows.some((o) => o?.ok === true && o.metrics.trades > 0 && o.metrics.score !== 0))).toBe(true);
    expect(outcome.summary.trials).toBe(7);
    expect(await readFile(join(outcome.runDir, 'report.html'), 'utf8')).toContain(outcome.runId);
  });

  it('resumes without running an item again: a stored result is collected, not recomputed', async () => {
    const store = bucket;
    const handler = createTrialBatchHandler(store);
    let calls = 0;
    const executions = new LocalOptimizerExecutions(definition, [OPTIMIZER_STATES.taskInline], (event) => {
      calls++;
      return handler(event);
    });
    const base = await settings(join(dir, 'resumed'));
    // A new output directory: no trials.jsonl, so the same trials are drawn again; their results are all in the store.
    const outcome = await runDistributedSearch({ ...base, store, executions, batchSize: 3, rounds: 1, pollMs: 5 });
    expect(executions.inputs).toHaveLength(0);
    expect(calls).toBe(0);
    expect(outcome.summary.trials).toBe(7);
  });

  it('retries a failing task once, then fails the run naming the error, keeping the items that finished', async () => {
    const store = new DirectoryObjectStore(join(dir, 'bucket-failing'));
    const handler = createTrialBatchHandler(store);
    const attempts: number[] = [];
    const others: Promise<unknown>[] = [];
    const executions = new LocalOptimizerExecutions(definition, [OPTIMIZER_STATES.taskInline], async (event) => {
      const item = (event as { item: number }).item;
      attempts.push(item);
      if (item !== 1) return others[others.push(handler(event)) - 1];
      // A failed item ends the Map, aborting items in flight: this one fails once the others are done.
      while (others.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      await Promise.all(others);
      throw new Error('out of memory');
    });
    const base = await settings(join(dir, 'failing'));
    await expect(runDistributedSearch({ ...base, store, executions, batchSize: 3, rounds: 1, pollMs: 5 })).rejects.toThrow(/ended FAILED.*out of memory/);
    expect(attempts.filter((item) => item === 1)).toHaveLength(2);
    const logged = await new TrialLog(join(dir, 'failing', (await readdirNames(join(dir, 'failing')))[0]!, 'trials.jsonl')).read();
    expect(logged.map((t) => t.status === undefined)).toEqual([false, false, false, true, true, true, false]);
  });
});
