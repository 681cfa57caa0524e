import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WindowOutcome } from '../../../../lib/runtime/optimize/evaluateWindow.js';
import { runSearch } from '../../../../lib/runtime/optimize/runSearch.js';
import { randomSampler, tpeSampler } from '../../../../lib/runtime/optimize/samplers.js';
import { DEFAULT_SPACES, SearchSpaceSchema, dimensions } from '../../../../lib/runtime/optimize/searchSpace.js';
import { mulberry32 as seededRandom } from '../../../../lib/domain/mulberry32.js';
import { TrialLog } from '../../../../lib/runtime/optimize/trialLog.js';

const space = SearchSpaceSchema.parse({ strategy: { x: { type: 'float', min: 0, max: 10 }, n: { type: 'int', min: 1, max: 5 }, c: { type: 'choice', values: ['a', 'b'] } } });
const dims = dimensions(space);
/** Best at x = 7 with c = 'b'. */
const objective = (p: Record<string, unknown>): number => -(((p['strategy.x'] as number) - 7) ** 2) - (p['strategy.c'] === 'b' ? 0 : 5);
const ok = (score: number): WindowOutcome => ({ ok: true, metrics: { score, returnPct: 0, sharpe: 0, maxDrawdownPct: 0, trades: 1, candles: 100 } });

describe('search space', () => {
  it('refuses a range whose max is not above its min, naming it', () => {
    const parsed = SearchSpaceSchema.safeParse({ strategy: { fastPeriod: { type: 'int', min: 30, max: 3 } } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['strategy', 'fastPeriod', 'max']);
  });

  it('refuses a risk key RiskConfig does not have, and an empty space', () => {
    expect(SearchSpaceSchema.safeParse({ risk: { riskPerTrade: { type: 'float', min: 0, max: 1 } } }).success).toBe(false);
    expect(SearchSpaceSchema.safeParse({}).success).toBe(false);
  });

  it('ships a default space for each built-in strategy', () => {
    expect(Object.keys(DEFAULT_SPACES).sort()).toEqual(['ema-crossover', 'rsi-mean-reversion']);
  });
});

describe('samplers', () => {
  it('draw every value inside its range', () => {
    const sampler = randomSampler(dims, seededRandom(3));
    for (let i = 0; i < 200; i++) {
      const p = sampler.next([]);
      expect(p['strategy.x']).toBeGreaterThanOrEqual(0);
      expect(p['strategy.x']).toBeLessThanOrEqual(10);
      expect([1, 2, 3, 4, 5]).toContain(p['strategy.n']);
      expect(['a', 'b']).toContain(p['strategy.c']);
    }
  });

  it('TPE draws, once past its random start-up, score better on average than random draws on the same seeds', () => {
    const best = (make: (r: () => number) => ReturnType<typeof randomSampler>, seed: number): number => {
      const sampler = make(seededRandom(seed));
      const history: { params: Record<string, number | string | boolean>; score: number }[] = [];
      for (let i = 0; i < 60; i++) {
        const params = sampler.next(history);
        history.push({ params, score: objective(params) });
      }
      return history.slice(30).reduce((sum, h) => sum + h.score, 0) / 30;
    };
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    const tpe = seeds.map((s) => best((r) => tpeSampler(dims, r), s)).reduce((a, b) => a + b);
    const random = seeds.map((s) => best((r) => randomSampler(dims, r), s)).reduce((a, b) => a + b);
    expect(tpe).toBeGreaterThan(random);
  });
});

describe('runSearch', () => {
  it('prunes poor trials after their first window (successive halving) and resumes a stopped search without redoing a window', async () => {
    const log = new TrialLog(join(await mkdtemp(join(tmpdir(), 'search-')), 'trials.jsonl'));
    const calls: string[] = [];
    const evaluate = (params: Record<string, unknown>, window: number) => {
      calls.push(`${JSON.stringify(params)}#${window}`);
      return Promise.resolve(ok(objective(params)));
    };
    const first = await runSearch({ sampler: randomSampler(dims, seededRandom(9)), trials: 12, windows: 3, evaluate, log, concurrency: 1 });
    expect(first.filter((t) => t.status === 'pruned').length).toBeGreaterThan(0);
    expect(first.filter((t) => t.status === 'done').length).toBeGreaterThan(0);
    const windowsRun = calls.length;
    expect(windowsRun).toBeLessThan(12 * 3);

    const resumed = await runSearch({ sampler: randomSampler(dims, seededRandom(10)), trials: 12, windows: 3, evaluate, log, concurrency: 1 });
    expect(calls).toHaveLength(windowsRun);
    expect(resumed.map((t) => t.status)).toEqual(first.map((t) => t.status));
    const extended = await runSearch({ sampler: randomSampler(dims, seededRandom(10)), trials: 14, windows: 3, evaluate, log, concurrency: 2 });
    expect(extended).toHaveLength(14);
    expect(new Set(calls).size).toBe(calls.length);
  });

  it('marks a trial the strategy refuses as failed and stops it there', async () => {
    const log = new TrialLog(join(await mkdtemp(join(tmpdir(), 'search-')), 'trials.jsonl'));
    const trials = await runSearch({ sampler: randomSampler(dims, seededRandom(1)), trials: 2, windows: 3, evaluate: () => Promise.resolve({ ok: false, error: 'fastPeriod: must be less than slowPeriod' }), log, concurrency: 1 });
    expect(trials.map((t) => [t.status, t.windows.length])).toEqual([['failed', 1], ['failed', 1]]);
  });
});
