import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArrayCandleWindow } from '../../../lib/domain/candleWindow.js';
import { CANDLE_FEATURES_V1 } from '../../../lib/strategy/model/candleFeatures.js';
import { type Checkpoint, DEFAULT_CHECKPOINT, loadCheckpoint } from '../../../lib/strategy/model/loadCheckpoint.js';
import type { ModelCard } from '../../../lib/strategy/model/modelCard.js';
import { createModelStrategy } from '../../../lib/strategy/model/modelStrategy.js';
import { trainingOverlapWarning } from '../../../lib/strategy/model/trainingOverlap.js';
import { loadStrategy } from '../../../lib/strategy/registry.js';
import { logisticRegressionOnnx } from '../../../lib/training/onnxLogisticRegression.js';
import { randomWalkSeries } from '../training/randomWalk.js';

const WIDTH = CANDLE_FEATURES_V1.names.length;
const shipped = JSON.parse(await readFile('models/default/model-card.json', 'utf8')) as ModelCard;

async function checkpointDir(card: ModelCard, onnx: Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'model-'));
  await writeFile(join(dir, 'model.onnx'), onnx);
  await writeFile(join(dir, 'model-card.json'), JSON.stringify(card));
  return join(dir, 'model.onnx');
}

function graph(width: number, inputName = 'features', bias = 0): Uint8Array {
  const zeros = new Array<number>(width).fill(0);
  return logisticRegressionOnnx({ inputName, outputName: 'p_win', mean: zeros, deviation: zeros.map(() => 1), weights: zeros, bias });
}

describe('Function: loadCheckpoint', () => {
  it('loads the shipped checkpoint and its card', async () => {
    const checkpoint = await loadCheckpoint(DEFAULT_CHECKPOINT);
    expect(checkpoint.card.featureSet).toEqual({ id: 'candle', version: 1, names: [...CANDLE_FEATURES_V1.names] });
    const pWin = await checkpoint.run(new Float32Array(WIDTH));
    expect(pWin).toBeGreaterThan(0);
    expect(pWin).toBeLessThan(1);
    await checkpoint.session.release();
  });

  it('refuses a graph whose input shape differs from the feature set, naming expected and found', async () => {
    const path = await checkpointDir(shipped, graph(12));
    await expect(loadCheckpoint(path)).rejects.toThrow(`input: expected one input "features" float32 [batch, 13] (feature set candle@1), found "features" float32 [batch, 12]`);
  });

  it('refuses a graph whose input has another name', async () => {
    const path = await checkpointDir(shipped, graph(WIDTH, 'x'));
    await expect(loadCheckpoint(path)).rejects.toThrow('expected one input "features" float32 [batch, 13] (feature set candle@1), found "x" float32 [batch, 13]');
  });

  it('refuses a card naming another feature-set version', async () => {
    const path = await checkpointDir({ ...shipped, featureSet: { ...shipped.featureSet, version: 2 } }, graph(WIDTH));
    await expect(loadCheckpoint(path)).rejects.toThrow('featureSet: expected candle@1 (13 features), found candle@2 (13 features)');
  });

  it('refuses a checkpoint without a card', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'model-'));
    await copyFile(DEFAULT_CHECKPOINT, join(dir, 'model.onnx'));
    await expect(loadCheckpoint(join(dir, 'model.onnx'))).rejects.toThrow('no model card beside the checkpoint');
  });

  it('is what loadStrategy builds for strategy "model", and a bad checkpoint fails the load', async () => {
    const strategy = await loadStrategy({ name: 'model', params: {} });
    expect(strategy.name).toBe('model');
    expect(strategy.warmupCandles).toBe(CANDLE_FEATURES_V1.lookback);
    const path = await checkpointDir(shipped, graph(12));
    await expect(loadStrategy({ name: 'model', params: {}, checkpoint: path })).rejects.toThrow('found "features" float32 [batch, 12]');
  });
});

describe('Function: createModelStrategy', () => {
  const series = randomWalkSeries(40, 3, Date.parse(shipped.trainingWindow.end));
  const window = ArrayCandleWindow.of(series.candles);
  let certain: Checkpoint;

  beforeAll(async () => {
    // A model that always says 0.9: every decided candle proposes.
    const card = { ...shipped, label: { ...shipped.label, rule: { stopAtr: 1, targetAtr: 2, maxAgeCandles: 5 } } };
    certain = await loadCheckpoint(await checkpointDir(card, graph(WIDTH, 'features', Math.log(9))));
  });
  afterAll(() => certain.session.release());

  it('proposes a long with pWin and the card\'s stop, target and max age', async () => {
    const strategy = createModelStrategy(certain, {});
    const [proposal] = await strategy.evaluate({ symbol: 'TEST/BTC', timeframe: '1m', window, openPlans: [], balances: {} });

    const close = window.last().close;
    const atr = (close - (proposal?.stop ?? 0)) / 1;
    expect(proposal?.pWin).toBeCloseTo(0.9, 6);
    expect(proposal?.entry).toBe(close);
    expect(proposal?.target).toBeCloseTo(close + 2 * atr, 9);
    expect(atr).toBeGreaterThan(0);
    expect(proposal?.maxAgeMs).toBe(5 * 60_000);
  });

  it('proposes nothing below minPWin', async () => {
    const strategy = createModelStrategy(certain, { minPWin: 0.95 });
    expect(await strategy.evaluate({ symbol: 'TEST/BTC', timeframe: '1m', window, openPlans: [], balances: {} })).toEqual([]);
  });

  it('proposes nothing from a checkpoint older than maxCheckpointAgeDays, and says so through the hook', async () => {
    const stale: unknown[] = [];
    const strategy = createModelStrategy(certain, { maxCheckpointAgeDays: 10 }, { onStaleCheckpoint: (info) => stale.push(info) });
    const late = randomWalkSeries(40, 3, Date.parse(shipped.trainingWindow.end) + 11 * 86_400_000);

    const proposals = await strategy.evaluate({ symbol: 'TEST/BTC', timeframe: '1m', window: ArrayCandleWindow.of(late.candles), openPlans: [], balances: {} });

    expect(proposals).toEqual([]);
    expect(stale).toEqual([{ checkpoint: certain.path, ageDays: 11, maxAgeDays: 10 }]);
  });
});

describe('Function: trainingOverlapWarning', () => {
  const start = Date.parse(shipped.trainingWindow.start);
  const end = Date.parse(shipped.trainingWindow.end);

  it('warns when the run overlaps the training window, naming both', () => {
    expect(trainingOverlapWarning(shipped, 'm.onnx', end - 1000, end + 1e9)).toContain(`LEAKAGE: the model m.onnx was trained on ${shipped.trainingWindow.start}`);
  });

  it('is silent for a run entirely after or before it', () => {
    expect(trainingOverlapWarning(shipped, 'm.onnx', end + 1, end + 1e9)).toBeUndefined();
    expect(trainingOverlapWarning(shipped, 'm.onnx', start - 1e9, start - 1)).toBeUndefined();
  });
});
