import * as z from 'zod';

/**
 * The retrain job (`npm run retrain`, the scheduled retrain function): the trailing window of
 * captured candles it fits on, and the floor a challenger's validation must reach before its
 * checkpoint is written and it runs as the shadow `challenger`.
 */
export const RetrainSettingsSchema = z.strictObject({
  /** Days of captured candles, ending now, that the challenger is trained and validated on; `retentionDays.market` (14) bounds what is there. */
  windowDays: z.number().int().min(1).max(365).default(14),
  /** Fewer labelled samples than this (training and validation together): no challenger. */
  minLabels: z.number().int().min(50).default(500),
  /** A validation Brier score above this: no challenger (0.25 is a constant 0.5 forecast). */
  maxValidationBrier: z.number().positive().max(1).default(0.25),
  /** A validation AUC below this: no challenger; unchecked when left out. */
  minValidationAuc: z.number().min(0).max(1).optional(),
  /** The later share of the samples, by time, held out for validation. */
  validationFraction: z.number().gt(0).lt(1).default(0.3),
});
export type RetrainSettings = z.output<typeof RetrainSettingsSchema>;
