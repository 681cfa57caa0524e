import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BacktestConfigSchema } from '../../../lib/domain/config.js';
import { loadBacktestConfig } from '../../../lib/runtime/backtest/loadBacktestConfig.js';
import { buildReport } from '../../../lib/runtime/backtest/report/buildReport.js';
import { renderHtml } from '../../../lib/runtime/backtest/report/renderHtml.js';
import { summaryLine } from '../../../lib/runtime/backtest/report/summaryLine.js';
import { runBacktest } from '../../../lib/runtime/backtest/runBacktest.js';
import type { ModelCard } from '../../../lib/strategy/model/modelCard.js';
import { randomWalkSeries } from '../training/randomWalk.js';

const card = JSON.parse(await readFile('models/default/model-card.json', 'utf8')) as ModelCard;

async function candleFile(start: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'model-backtest-'));
  const file = join(dir, 'TEST_BTC-1m.json');
  const { candles } = randomWalkSeries(120, 5, start);
  await writeFile(file, JSON.stringify(candles.map((c) => [c.openTime, c.open, c.high, c.low, c.close, c.volume])));
  return file;
}

describe('Backtest with the model strategy', () => {
  it('says loudly, in the summary line and the report, when the run overlaps the training window', async () => {
    const file = await candleFile(Date.parse(card.trainingWindow.end) - 60 * 60_000);
    const config = BacktestConfigSchema.parse({ strategy: { name: 'model' } });

    const { result } = await runBacktest({ dataFiles: [file], config });
    const report = buildReport(result);

    expect(result.warnings?.[0]).toMatch(/^LEAKAGE: the model .*models\/default\/model\.onnx was trained on /);
    expect(summaryLine(report).split('\n')[0]).toBe(`!!! ${result.warnings?.[0]}`);
    expect(renderHtml(report)).toContain('role="alert"');
  });

  it('has no warning for a run after the training window', async () => {
    const file = await candleFile(Date.parse(card.trainingWindow.end) + 86_400_000);
    const { result } = await runBacktest({ dataFiles: [file], config: BacktestConfigSchema.parse({ strategy: { name: 'model' } }) });
    expect(result.warnings ?? []).toEqual([]);
  });
});

describe('Function: loadBacktestConfig, --checkpoint', () => {
  it('implies the model strategy with that checkpoint', async () => {
    expect((await loadBacktestConfig(undefined, { checkpoint: 'x/model.onnx' })).strategy).toEqual({ name: 'model', params: {}, checkpoint: 'x/model.onnx' });
  });

  it('refuses a checkpoint with another strategy named', async () => {
    await expect(loadBacktestConfig(undefined, { strategy: 'ema-crossover', checkpoint: 'x.onnx' })).rejects.toThrow('--checkpoint: a checkpoint is for --strategy model, not ema-crossover');
  });

  it('refuses bad model params when the config is loaded', async () => {
    await expect(loadBacktestConfig(undefined, { strategy: 'model', checkpoint: 'x.onnx' })).resolves.toBeDefined();
    const dir = await mkdtemp(join(tmpdir(), 'model-config-'));
    await writeFile(join(dir, 'c.json'), JSON.stringify({ strategy: { name: 'model', params: { minPWin: 2 } } }));
    await expect(loadBacktestConfig(join(dir, 'c.json'))).rejects.toThrow('strategy.params: minPWin');
  });
});
