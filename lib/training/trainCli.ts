import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { InvalidInputError } from '../domain/errors.js';
import { loadCandleFile } from '../runtime/backtest/loadCandleFile.js';
import { BarrierRuleSchema, DEFAULT_BARRIER_RULE } from '../strategy/model/barrierRule.js';
import { CANDLE_FEATURES_V1 } from '../strategy/model/candleFeatures.js';
import { MODEL_CARD_FILE } from '../strategy/model/modelCard.js';
import { DEFAULT_LOGISTIC_REGRESSION } from './logisticRegression.js';
import { trainModel } from './trainModel.js';

export const TRAIN_USAGE = `usage: npm run train -- --data FILE [--data FILE ...] --out DIR [--stop-atr N] [--target-atr N]
                       [--max-age CANDLES] [--validation FRACTION] [--folds K] [--iterations N]

  --data FILE          candles (BASE_QUOTE-TIMEFRAME.json), e.g. ../shared/data/candles/LTC_BTC-5m.json
  --out DIR            where model.onnx and model-card.json go
  --stop-atr N         the label's stop, ATRs below the close (default ${DEFAULT_BARRIER_RULE.stopAtr})
  --target-atr N       the label's target, ATRs above the close (default ${DEFAULT_BARRIER_RULE.targetAtr})
  --max-age CANDLES    candles the target has to be reached in (default ${DEFAULT_BARRIER_RULE.maxAgeCandles})
  --validation F       the later share of the samples, by time, held out (default 0.3)
  --folds K            also score K expanding walk-forward folds (default 0)
  --iterations N       gradient descent steps (default ${DEFAULT_LOGISTIC_REGRESSION.iterations})`;

function numberOption(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new InvalidInputError(name, `"${text}" is not a number`);
  return value;
}

/** `npm run train`: fits the model, writes model.onnx and model-card.json, prints the validation scores. */
export async function trainCli(argv: readonly string[], print: (line: string) => void = console.log): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      data: { type: 'string', multiple: true },
      out: { type: 'string' },
      'stop-atr': { type: 'string' },
      'target-atr': { type: 'string' },
      'max-age': { type: 'string' },
      validation: { type: 'string' },
      folds: { type: 'string' },
      iterations: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    print(TRAIN_USAGE);
    return;
  }
  if (values.data === undefined || values.data.length === 0) throw new InvalidInputError('--data', 'at least one candle file is needed');
  if (values.out === undefined) throw new InvalidInputError('--out', 'the directory for model.onnx and model-card.json is needed');
  const rule = BarrierRuleSchema.safeParse({
    stopAtr: numberOption('--stop-atr', values['stop-atr'], DEFAULT_BARRIER_RULE.stopAtr),
    targetAtr: numberOption('--target-atr', values['target-atr'], DEFAULT_BARRIER_RULE.targetAtr),
    maxAgeCandles: numberOption('--max-age', values['max-age'], DEFAULT_BARRIER_RULE.maxAgeCandles),
  });
  if (!rule.success) throw new InvalidInputError('--stop-atr/--target-atr/--max-age', rule.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const validationFraction = numberOption('--validation', values.validation, 0.3);
  if (!(validationFraction > 0 && validationFraction < 1)) throw new InvalidInputError('--validation', `${validationFraction} is not a fraction between 0 and 1`);
  const folds = numberOption('--folds', values.folds, 0);
  if (!Number.isInteger(folds) || folds < 0 || folds > 20) throw new InvalidInputError('--folds', `${folds} is not a whole number from 0 to 20`);
  const iterations = numberOption('--iterations', values.iterations, DEFAULT_LOGISTIC_REGRESSION.iterations);
  if (!Number.isInteger(iterations) || iterations < 1) throw new InvalidInputError('--iterations', `${iterations} is not a whole number above 0`);

  const series = await Promise.all(values.data.map((file) => loadCandleFile(file)));
  let trained;
  try {
    trained = trainModel(series, {
      featureSet: CANDLE_FEATURES_V1,
      rule: rule.data,
      validationFraction,
      folds,
      fit: { ...DEFAULT_LOGISTIC_REGRESSION, iterations },
      now: new Date(),
    });
  } catch (error) {
    if (error instanceof RangeError) throw new InvalidInputError('--data', error.message);
    throw error;
  }
  // The card records file names, not this machine's paths.
  const card = { ...trained.card, data: trained.card.data.map((d) => ({ ...d, file: basename(d.file) })) };
  await mkdir(values.out, { recursive: true });
  await writeFile(join(values.out, 'model.onnx'), trained.onnx);
  await writeFile(join(values.out, MODEL_CARD_FILE), `${JSON.stringify(card, null, 2)}\n`);
  const v = card.validation;
  print(
    `trained on ${card.trainingSamples} samples (${card.trainingWindow.start} → ${card.trainingWindow.end}); ` +
      `validation ${v.samples}: base rate ${v.baseRate.toFixed(3)}, Brier ${v.brier.toFixed(4)}, log-loss ${v.logLoss.toFixed(4)}, AUC ${v.auc?.toFixed(3) ?? 'n/a'}`,
  );
  for (const [i, fold] of card.folds.entries()) {
    print(`fold ${i + 1}: validation ${fold.validation.samples}, Brier ${fold.validation.brier.toFixed(4)}, AUC ${fold.validation.auc?.toFixed(3) ?? 'n/a'}`);
  }
  print(`wrote ${join(values.out, 'model.onnx')} and ${join(values.out, MODEL_CARD_FILE)}`);
}
