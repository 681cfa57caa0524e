import * as z from 'zod';
import type { Awaitable } from '../../domain/awaitable.js';
import { timeframeMs } from '../../domain/candle.js';
import type { PlanProposal } from '../../domain/plan.js';
import { parseWith } from '../../domain/validation.js';
import { formatValue } from '../atrLongProposal.js';
import { NO_PROPOSALS, type Strategy, type StrategyContext } from '../Strategy.js';
import { barrierLevels } from './barrierRule.js';
import { describeFeatureSet, FEATURE_ATR_PERIOD, meanTrueRange } from './candleFeatures.js';
import type { Checkpoint } from './loadCheckpoint.js';
import type { ModelCard } from './modelCard.js';
import { ReplayScores } from './replayScores.js';

const DAY_MS = 86_400_000;

export const ModelParamsSchema = z.strictObject({
  /** Propose only at or above this pWin; default the rule's break-even before fees, stopAtr / (stopAtr + targetAtr). */
  minPWin: z.number().min(0).max(1).optional(),
  /**
   * A checkpoint whose training window ended this many days before the decided candle is
   * stale: it proposes nothing, and the stale hook (a metric and its alarm in AWS) fires.
   */
  maxCheckpointAgeDays: z.number().positive().max(3650).default(30),
});
export type ModelParams = z.output<typeof ModelParamsSchema>;

/** Told when a stale checkpoint is asked to decide: the caller publishes it (decide: a metric with an alarm). */
export interface ModelStrategyHooks {
  readonly onStaleCheckpoint?: (info: { readonly checkpoint: string; readonly ageDays: number; readonly maxAgeDays: number }) => void;
  /**
   * Brings a remote checkpoint (`s3://bucket/…/model.onnx`, the retrain job's) and its card to a
   * local file and returns its path; the checkpoint is then checked at load like a bundled one.
   */
  readonly fetchCheckpoint?: (location: string) => Promise<string>;
}

/** A model strategy tells the backtest what its checkpoint was trained on, for the leakage warning. */
export interface ModelBackedStrategy extends Strategy {
  readonly checkpoint: { readonly path: string; readonly card: ModelCard };
}

export function isModelBacked(strategy: Strategy): strategy is ModelBackedStrategy {
  return 'checkpoint' in strategy && typeof (strategy as { checkpoint?: unknown }).checkpoint === 'object';
}

/**
 * `model`: on every candle, the checkpoint's pWin from the feature set the card names, and
 * a long when it reaches minPWin, with the stop, target and max age of the rule the model
 * was trained on (the card's), carrying pWin for risk's expected-value check.
 */
export function createModelStrategy(checkpoint: Checkpoint, rawParams: Readonly<Record<string, unknown>>, hooks: ModelStrategyHooks = {}): ModelBackedStrategy {
  const params = parseWith(ModelParamsSchema, rawParams, 'strategy.params');
  const { card, featureSet } = checkpoint;
  const rule = card.label.rule;
  const minPWin = params.minPWin ?? rule.stopAtr / (rule.stopAtr + rule.targetAtr);
  const trainedUntil = Date.parse(card.trainingWindow.end);
  const maxAgeMs = params.maxCheckpointAgeDays * DAY_MS;
  const width = featureSet.names.length;

  const replay = new ReplayScores(checkpoint);

  function propose(symbol: string, close: number, atr: number, step: number, pWin: number): readonly PlanProposal[] {
    if (!(pWin >= minPWin)) return NO_PROPOSALS;
    const { stop, target } = barrierLevels(close, atr, rule);
    const proposal: PlanProposal = {
      symbol,
      side: 'long',
      entry: close,
      stop,
      target,
      maxAgeMs: rule.maxAgeCandles * step,
      pWin,
      reason: `model pWin ${formatValue(pWin)} ≥ ${formatValue(minPWin)} (${describeFeatureSet(featureSet)}), ATR${FEATURE_ATR_PERIOD} ${formatValue(atr)}`,
    };
    return Object.freeze([Object.freeze(proposal)]);
  }

  return {
    name: 'model',
    warmupCandles: featureSet.lookback,
    checkpoint: { path: checkpoint.path, card },
    scoreReplay: (series) => replay.score(series),
    evaluate(context: StrategyContext): Awaitable<readonly PlanProposal[]> {
      const { window } = context;
      if (window.length < featureSet.lookback) return NO_PROPOSALS;
      const last = window.last();
      const step = timeframeMs(context.timeframe);
      const age = last.openTime + step - trainedUntil;
      if (age > maxAgeMs) {
        hooks.onStaleCheckpoint?.({ checkpoint: checkpoint.path, ageDays: Math.floor(age / DAY_MS), maxAgeDays: params.maxCheckpointAgeDays });
        return NO_PROPOSALS;
      }
      const atr = meanTrueRange(window, FEATURE_ATR_PERIOD);
      if (!(atr > 0)) return NO_PROPOSALS;
      // A backtest scored its candles ahead (scoreReplay): this candle's pWin, with no session run.
      const scored = replay.pWinOf(context.symbol, context.timeframe, window);
      if (scored !== undefined) return propose(context.symbol, last.close, atr, step, scored);
      const row = new Float32Array(width);
      if (!featureSet.compute(window, row)) return NO_PROPOSALS;
      return checkpoint.run(row).then((pWin) => propose(context.symbol, last.close, atr, step, pWin));
    },
  };
}
