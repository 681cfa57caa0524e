import type { Plan } from '../../domain/plan.js';

/** A plan's stop in force and target as doubles: what each candle is compared with. */
export interface FloatLevels {
  readonly stop: number;
  readonly target: number;
}

/** A plan never changes in place (a moved stop is a new version), so its levels are parsed once, not on every candle. */
const levelsOf = new WeakMap<Plan, FloatLevels>();

export function floatLevels(plan: Plan): FloatLevels {
  let levels = levelsOf.get(plan);
  if (levels === undefined) {
    levels = { stop: Number(plan.activeStop ?? plan.stop), target: Number(plan.target) };
    levelsOf.set(plan, levels);
  }
  return levels;
}
