import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { CANDLE_FEATURES_V1 } from '../../../lib/strategy/model/candleFeatures.js';
import { ModelCardSchema } from '../../../lib/strategy/model/modelCard.js';
import { MODEL_INPUT, MODEL_OUTPUT, trainModel } from '../../../lib/training/trainModel.js';
import { randomWalkSeries } from './randomWalk.js';

const RULE = { stopAtr: 1, targetAtr: 1.5, maxAgeCandles: 10 };

function train(folds = 0) {
  return trainModel([randomWalkSeries(1200)], {
    featureSet: CANDLE_FEATURES_V1,
    rule: RULE,
    validationFraction: 0.3,
    folds,
    fit: { iterations: 60, learningRate: 0.5, l2: 0.001 },
    now: new Date('2026-12-01T00:00:00Z'),
  });
}

describe('Function: trainModel', () => {
  it('writes a checkpoint that onnxruntime runs to the trainer\'s own predictions within 1e-6', async () => {
    const trained = train();
    const session = await ort.InferenceSession.create(trained.onnx);
    const width = CANDLE_FEATURES_V1.names.length;
    const rows = trained.validationRows;
    const input = new Float32Array(rows.length * width);
    rows.forEach((row, i) => input.set(row, i * width));

    const output = await session.run({ [MODEL_INPUT]: new ort.Tensor('float32', input, [rows.length, width]) });
    const predicted = output[MODEL_OUTPUT]?.data as Float32Array;

    expect(rows.length).toBeGreaterThan(300);
    expect(predicted.length).toBe(rows.length);
    const worst = Math.max(...Array.from(predicted, (p, i) => Math.abs(p - (trained.validationPredictions[i] as number))));
    expect(worst).toBeLessThan(1e-6);
    // Not a constant model: the predictions spread.
    expect(new Set(trained.validationPredictions.map((p) => p.toFixed(4))).size).toBeGreaterThan(10);
  });

  it('splits by time, with training labels resolved before validation starts, and writes a valid card', () => {
    const { card } = train(2);

    expect(ModelCardSchema.parse(card)).toEqual(card);
    expect(card.trainingWindow.end <= card.validation.window.start).toBe(true);
    expect(card.featureSet).toEqual({ id: 'candle', version: 1, names: [...CANDLE_FEATURES_V1.names] });
    expect(card.label.rule).toEqual(RULE);
    expect(card.validation.calibration).toHaveLength(10);
    expect(card.validation.calibration.reduce((sum, bin) => sum + bin.count, 0)).toBe(card.validation.samples);
    expect(card.folds).toHaveLength(2);
    for (const fold of card.folds) expect(fold.trainingWindow.end <= fold.validation.window.start).toBe(true);
    expect(card.folds[0]?.validation.window.end).not.toBe(card.folds[1]?.validation.window.end);
  });

  it('gives the same model on every run (nothing random)', () => {
    expect(train().model).toEqual(train().model);
  });
});
