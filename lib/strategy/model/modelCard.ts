import * as z from 'zod';
import { BarrierRuleSchema } from './barrierRule.js';

const isoTime = z.iso.datetime();
const window = z.strictObject({ start: isoTime, end: isoTime });
const probability = z.number().min(0).max(1);

export const CalibrationBinSchema = z.strictObject({
  lower: probability,
  upper: probability,
  count: z.number().int().min(0),
  /** Mean predicted pWin in the bin; null when it is empty. */
  meanPredicted: probability.nullable(),
  /** Share of the bin's samples whose target was hit first; null when it is empty. */
  observedRate: probability.nullable(),
});
export type CalibrationBin = z.infer<typeof CalibrationBinSchema>;

export const ValidationScoresSchema = z.strictObject({
  window,
  samples: z.number().int().min(0),
  /** Share of samples labelled 1. */
  baseRate: probability,
  brier: z.number().min(0),
  logLoss: z.number().min(0),
  /** Null when the window holds one class only. */
  auc: probability.nullable(),
  calibration: z.array(CalibrationBinSchema),
});
export type ValidationScores = z.infer<typeof ValidationScoresSchema>;

/**
 * model-card.json, beside model.onnx: what the checkpoint expects and what it was trained
 * and scored on. The strategy refuses a checkpoint whose card is missing or does not match.
 */
export const ModelCardSchema = z.strictObject({
  format: z.literal('serverless-trader/model-card@1'),
  createdAt: isoTime,
  featureSet: z.strictObject({ id: z.string().min(1), version: z.number().int().min(1), names: z.array(z.string().min(1)).min(1) }),
  /** The ONNX graph's input and output: the input is float32 [batch, names.length]; the output pWin [batch, 1]. */
  input: z.string().min(1),
  output: z.string().min(1),
  /** Where the feature scaling lives; the trainer puts it in the graph (Sub, Div). */
  scaling: z.strictObject({ where: z.enum(['onnx-graph', 'none']), mean: z.array(z.number()).optional(), deviation: z.array(z.number()).optional() }),
  label: z.strictObject({
    kind: z.literal('triple-barrier'),
    rule: BarrierRuleSchema,
    description: z.string(),
  }),
  data: z.array(z.strictObject({ file: z.string(), symbol: z.string(), timeframe: z.string(), samples: z.number().int().min(0) })),
  /** The candles whose labels the weights were fitted on: a backtest overlapping it is warned about. */
  trainingWindow: window,
  trainingSamples: z.number().int().min(0),
  model: z.strictObject({ kind: z.string().min(1), l2: z.number().min(0), iterations: z.number().int().min(0), learningRate: z.number().positive() }),
  validation: ValidationScoresSchema,
  folds: z.array(z.strictObject({ trainingWindow: window, validation: ValidationScoresSchema })).default([]),
});
export type ModelCard = z.infer<typeof ModelCardSchema>;

export const MODEL_CARD_FILE = 'model-card.json';
