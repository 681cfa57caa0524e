import { timeframeMs, type Timeframe } from '../../domain/candle.js';
import type { ShadowConfig } from '../../domain/config.js';
import type { RetrainSettings } from '../../domain/retrainSettings.js';
import type { CandleStore } from '../../ports/CandleStore.js';
import type { ObjectStore } from '../../ports/ObjectStore.js';
import { type BarrierRule, DEFAULT_BARRIER_RULE } from '../../strategy/model/barrierRule.js';
import { CANDLE_FEATURES_V1 } from '../../strategy/model/candleFeatures.js';
import { MODEL_CARD_FILE, type ModelCard } from '../../strategy/model/modelCard.js';
import { DEFAULT_LOGISTIC_REGRESSION } from '../../training/logisticRegression.js';
import { trainModel } from '../../training/trainModel.js';
import type { CandleSeries } from '../backtest/loadCandleFile.js';
import { type RuntimeConfigDocument, withChallenger } from './challengerShadow.js';
import { checkpointDirectory, checkpointKey } from './checkpointKey.js';

const DAY_MS = 86_400_000;

export interface RetrainDeps {
  readonly candles: Pick<CandleStore, 'window'>;
  /** The bot's configured series: each is read over the trailing window. */
  readonly symbols: readonly { readonly symbol: string; readonly timeframe: Timeframe }[];
  /** Where checkpoints are written (S3 in AWS, a directory locally). */
  readonly checkpoints: ObjectStore;
  readonly runtimeConfig: RuntimeConfigDocument;
  /** The deployed shadows: the running list while the runtime config states none. */
  readonly deployedShadows: readonly ShadowConfig[];
  readonly settings: RetrainSettings;
  /** The label rule: the one the live model was trained on, else the trainer's default. */
  readonly rule?: BarrierRule;
  readonly now: number;
  /** Loads the written checkpoint as decide will (its card and graph checked) before the runtime config names it. */
  readonly verify?: (checkpoint: string) => Promise<void>;
}

export type RetrainOutcome =
  | { readonly kind: 'challenger'; readonly checkpoint: string; readonly card: ModelCard; readonly candles: number }
  /** Nothing written: the reason says why (too few labels, validation worse than the floor). */
  | { readonly kind: 'refused'; readonly reason: string; readonly card?: ModelCard; readonly candles: number };

/** Why the card's validation does not reach the configured floor; undefined when it does. */
export function validationShortfall(card: ModelCard, settings: RetrainSettings): string | undefined {
  const labels = card.data.reduce((sum, d) => sum + d.samples, 0);
  if (labels < settings.minLabels) return `only ${labels} labelled samples; retrain.minLabels is ${settings.minLabels}`;
  const v = card.validation;
  if (v.brier > settings.maxValidationBrier) return `validation Brier ${v.brier.toFixed(4)} is above retrain.maxValidationBrier ${settings.maxValidationBrier}`;
  if (settings.minValidationAuc !== undefined && (v.auc === null || v.auc < settings.minValidationAuc)) {
    return `validation AUC ${v.auc === null ? 'n/a (one class only)' : v.auc.toFixed(4)} is below retrain.minValidationAuc ${settings.minValidationAuc}`;
  }
  return undefined;
}

/**
 * The retrain job: the captured candles of every configured series over the trailing
 * `windowDays`, fitted by the same trainer as `npm run train`; a challenger that validates is
 * written as model.onnx and model-card.json under its training window's end, and added to
 * the runtime config as the shadow `challenger` (the live strategy untouched), so the shadow
 * fleet runs it from the next decision. One that does not is not written, and the outcome
 * says why. Nothing is promoted: that is `npm run promote`, asked.
 */
export async function retrainChallenger(deps: RetrainDeps): Promise<RetrainOutcome> {
  const { settings, now } = deps;
  const from = now - settings.windowDays * DAY_MS;
  const series: CandleSeries[] = [];
  for (const { symbol, timeframe } of deps.symbols) {
    // Only closed candles: the one still forming has no outcome yet and would change its values.
    const to = Math.floor(now / timeframeMs(timeframe)) * timeframeMs(timeframe);
    const candles = await deps.candles.window(symbol, timeframe, from, to);
    series.push({ file: `candle store ${symbol} ${timeframe}`, symbol, timeframe, candles });
  }
  const candles = series.reduce((sum, s) => sum + s.candles.length, 0);
  let card: ModelCard;
  let onnx: Uint8Array;
  try {
    ({ card, onnx } = trainModel(series, {
      featureSet: CANDLE_FEATURES_V1,
      rule: deps.rule ?? DEFAULT_BARRIER_RULE,
      validationFraction: settings.validationFraction,
      folds: 0,
      fit: DEFAULT_LOGISTIC_REGRESSION,
      now: new Date(now),
    }));
  } catch (error) {
    // The trainer's RangeError: too few samples, or a split with nothing on one side.
    if (error instanceof RangeError) return { kind: 'refused', reason: `${error.message} (${candles} candles over the last ${settings.windowDays} days)`, candles };
    throw error;
  }
  const shortfall = validationShortfall(card, settings);
  if (shortfall !== undefined) return { kind: 'refused', reason: shortfall, card, candles };

  const key = checkpointKey(card.trainingWindow.end);
  const checkpoint = `${deps.checkpoints.location}/${key}`;
  // Built and validated before anything is written: a config the bot would reject writes no checkpoint.
  const current = await deps.runtimeConfig.read();
  const next = withChallenger(current, deps.deployedShadows, checkpoint, deps.runtimeConfig.parameterName);
  // The card first: a reader that finds the model finds its card (decide refuses a model without one).
  await deps.checkpoints.put(`${checkpointDirectory(key)}${MODEL_CARD_FILE}`, `${JSON.stringify(card, null, 2)}\n`, 'application/json');
  await deps.checkpoints.put(key, onnx, 'application/octet-stream');
  await deps.verify?.(checkpoint);
  await deps.runtimeConfig.write(next);
  return { kind: 'challenger', checkpoint, card, candles };
}
