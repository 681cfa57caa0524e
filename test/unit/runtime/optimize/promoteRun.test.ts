import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RiskConfigSchema } from '../../../../lib/domain/config.js';
import { LocalParameterStore } from '../../../../lib/local/aws/LocalParameterStore.js';
import { localSsmClient } from '../../../../lib/local/aws/localSsmClient.js';
import type { RunSummaryFile } from '../../../../lib/runtime/optimize/optimizeSearch.js';
import { promoteRun } from '../../../../lib/runtime/optimize/promoteRun.js';

const RUN_ID = 'abcdef012345';
const PARAMETER = '/bot1/runtime-config';
const metrics = (score: number) => ({ score, returnPct: 1.5, sharpe: score, maxDrawdownPct: 2, trades: 7, candles: 1000 });

async function setUp(strategyParams: Record<string, unknown>) {
  const dir = await mkdtemp(join(tmpdir(), 'promote-'));
  const deployed = { risk: RiskConfigSchema.parse({}), strategy: { name: 'ema-crossover', params: { fastPeriod: 12, slowPeriod: 26 } } };
  const store = await LocalParameterStore.create(join(dir, 'parameters.json'), { [PARAMETER]: JSON.stringify(deployed) });
  const summary: RunSummaryFile = {
    runId: RUN_ID,
    strategy: 'ema-crossover',
    objective: 'sharpe',
    trials: 10,
    walkForward: [],
    winner: { id: 3, params: {}, inSampleScore: 1.2, outOfSampleScore: 0.4, folds: [{ fold: 0, inSample: metrics(1.2), outOfSample: metrics(0.4) }], strategyParams, risk: { riskPerTradePct: 0.005 } },
  };
  await mkdir(join(dir, RUN_ID));
  await writeFile(join(dir, RUN_ID, 'summary.json'), JSON.stringify(summary));
  return { dir, store, client: localSsmClient(store) };
}

describe('promoteRun', () => {
  it('writes the winner over the deployed document only once the operator, shown the out-of-sample record, says yes', async () => {
    const { dir, store, client } = await setUp({ fastPeriod: 8, slowPeriod: 40 });
    let shown = '';
    const declined = await promoteRun({ runId: RUN_ID, outDir: dir, client, parameterName: PARAMETER, confirm: (record) => ((shown = record), Promise.resolve(false)) });
    expect(declined).toBeUndefined();
    expect(shown).toContain('out-of-sample 0.4000');
    expect((await store.get(PARAMETER))?.version).toBe(1);

    await promoteRun({ runId: RUN_ID, outDir: dir, client, parameterName: PARAMETER, confirm: () => Promise.resolve(true) });
    const written = JSON.parse((await store.get(PARAMETER))?.value ?? '{}') as { risk: { riskPerTradePct: number; maxOpenPlans: number }; strategy: unknown };
    expect(written.strategy).toEqual({ name: 'ema-crossover', params: { fastPeriod: 8, slowPeriod: 40 } });
    expect(written.risk.riskPerTradePct).toBe(0.005);
    expect(written.risk.maxOpenPlans).toBe(3);
  });

  it('refuses params the strategy refuses, before asking, and writes nothing', async () => {
    const { dir, store, client } = await setUp({ fastPeriod: 50, slowPeriod: 40 });
    let asked = false;
    await expect(promoteRun({ runId: RUN_ID, outDir: dir, client, parameterName: PARAMETER, confirm: () => ((asked = true), Promise.resolve(true)) })).rejects.toThrow('fastPeriod: must be less than slowPeriod');
    expect(asked).toBe(false);
    expect((await store.get(PARAMETER))?.version).toBe(1);
  });
});
