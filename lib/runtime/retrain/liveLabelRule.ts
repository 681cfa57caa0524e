import type { StrategyConfig } from '../../domain/config.js';
import type { BarrierRule } from '../../strategy/model/barrierRule.js';
import { readCheckpointCard } from '../../strategy/model/loadCheckpoint.js';
import { MODEL_STRATEGY } from '../../strategy/model/loadModelStrategy.js';

/**
 * The label rule of the live model's card, so a challenger is trained on the outcome the live
 * model predicts and the two can be compared; undefined when the live strategy is not the
 * model (the trainer's default rule then).
 */
export async function liveLabelRule(strategy: StrategyConfig, fetchCheckpoint?: (location: string) => Promise<string>): Promise<BarrierRule | undefined> {
  if (strategy.name !== MODEL_STRATEGY) return undefined;
  const checkpoint = strategy.checkpoint?.startsWith('s3://') && fetchCheckpoint !== undefined ? await fetchCheckpoint(strategy.checkpoint) : strategy.checkpoint;
  return (await readCheckpointCard(checkpoint)).label.rule;
}
