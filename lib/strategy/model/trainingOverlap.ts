import type { ModelCard } from './modelCard.js';

/**
 * The leakage warning: a run whose candles overlap the checkpoint's training window replays
 * outcomes the model was fitted on, so its results are not out of sample. Undefined when the
 * windows are apart.
 */
export function trainingOverlapWarning(card: ModelCard, checkpoint: string, from: number, to: number): string | undefined {
  const start = Date.parse(card.trainingWindow.start);
  const end = Date.parse(card.trainingWindow.end);
  if (to < start || from > end) return undefined;
  const overlapFrom = new Date(Math.max(from, start)).toISOString();
  const overlapTo = new Date(Math.min(to, end)).toISOString();
  return (
    `LEAKAGE: the model ${checkpoint} was trained on ${card.trainingWindow.start} → ${card.trainingWindow.end}; ` +
    `this run's candles overlap it from ${overlapFrom} to ${overlapTo}, so its results there are in-sample, not a test of the model`
  );
}
