import * as z from 'zod';
import { RiskConfigSchema, ShadowListSchema, StrategyConfigSchema } from './config.js';

type WithoutDefaults<S extends z.ZodRawShape> = {
  [K in keyof S]: S[K] extends z.ZodDefault<infer Inner> ? Inner : S[K];
};

function withoutDefaults<S extends z.ZodRawShape>(shape: S): WithoutDefaults<S> {
  const entries = Object.entries(shape).map(([key, field]) => [key, field instanceof z.ZodDefault ? field.unwrap() : field]);
  return Object.fromEntries(entries) as WithoutDefaults<S>;
}

/**
 * Risk limits and strategy parameters an operator may change without a deploy. The
 * document replaces the deployed `risk` and `strategy` sections whole, so every field
 * must be stated: one left out is rejected rather than silently taking a code default
 * that may be looser than the deployed value.
 */
export const RuntimeConfigSchema = z.strictObject({
  risk: z.strictObject(withoutDefaults(RiskConfigSchema.shape)),
  strategy: z.strictObject(withoutDefaults(StrategyConfigSchema.shape)),
  /**
   * When stated, replaces the deployed `shadow` list (the retrain job adds its `challenger`
   * here); left out, the deployed shadows run.
   */
  shadow: ShadowListSchema.unwrap().optional(),
});
export type RuntimeConfig = z.infer<typeof RuntimeConfigSchema>;
