import * as z from 'zod';
import type { WindowOutcome } from '../evaluateWindow.js';
import type { ParamSet } from '../searchSpace.js';
import { RunIdSchema } from './runObjects.js';

/** One Distributed Map item: a batch of parameter sets, each backtested on every window named. */
export const TrialBatchItemSchema = z.strictObject({
  runId: RunIdSchema,
  item: z.number().int().nonnegative(),
  trials: z.array(z.strictObject({ id: z.number().int().nonnegative(), params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])) })).min(1),
  windows: z.array(z.number().int().nonnegative()).min(1),
});
export type TrialBatchItem = z.output<typeof TrialBatchItemSchema>;

/** What a task writes to the item's result object. */
export interface TrialBatchResult {
  readonly runId: string;
  readonly item: number;
  readonly trials: readonly { readonly id: number; readonly params: ParamSet; readonly outcomes: readonly { readonly window: number; readonly outcome: WindowOutcome }[] }[];
  /** Candles the engine stepped through, for the cost figures. */
  readonly candleEvaluations: number;
}

/** What a task returns to the Map: small, since the results are in the store. */
export interface TrialBatchAnswer {
  readonly item: number;
  readonly resultKey: string;
  readonly trials: number;
  /** True when the result object was already there (a retried task): nothing was recomputed. */
  readonly reused: boolean;
}

/** Cuts trials into items of `batchSize` parameter sets each, every one over all `windows` windows. */
export function batchItems(runId: string, trials: readonly { id: number; params: ParamSet }[], windows: number, batchSize: number): TrialBatchItem[] {
  const items: TrialBatchItem[] = [];
  const all = Array.from({ length: windows }, (_, w) => w);
  for (let start = 0; start < trials.length; start += batchSize) {
    items.push({ runId, item: items.length, trials: trials.slice(start, start + batchSize).map((t) => ({ id: t.id, params: { ...t.params } })), windows: all });
  }
  return items;
}
