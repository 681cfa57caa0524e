import type { ParamRange, ParamSet, SpaceDimension } from './searchSpace.js';

/** A finished (or pruned) trial as the model-based sampler sees it: higher score is better. */
export interface Observation {
  readonly params: ParamSet;
  readonly score: number;
}

export interface Sampler {
  next(history: readonly Observation[]): ParamSet;
}

/** A numeric range's value for a point u in [0, 1]. */
export function fromUnit(range: Exclude<ParamRange, { type: 'choice' }>, u: number): number {
  if (range.type === 'int') return Math.min(range.max, Math.floor(range.min + u * (range.max - range.min + 1)));
  if (range.log) return Math.exp(Math.log(range.min) + u * (Math.log(range.max) - Math.log(range.min)));
  return range.min + u * (range.max - range.min);
}

/** Where a numeric value sits in its range, in [0, 1]. */
export function toUnit(range: Exclude<ParamRange, { type: 'choice' }>, value: number): number {
  if (range.type === 'int') return (value - range.min + 0.5) / (range.max - range.min + 1);
  if (range.log) return (Math.log(value) - Math.log(range.min)) / (Math.log(range.max) - Math.log(range.min));
  return (value - range.min) / (range.max - range.min);
}

function drawUniform(range: ParamRange, random: () => number): number | string | boolean {
  if (range.type === 'choice') return range.values[Math.floor(random() * range.values.length)] as number | string | boolean;
  return fromUnit(range, random());
}

export function randomSampler(dims: readonly SpaceDimension[], random: () => number): Sampler {
  return { next: () => Object.fromEntries(dims.map((d) => [d.name, drawUniform(d.range, random)])) };
}

export interface TpeOptions {
  /** Trials drawn at random before the model is used. @default 10 */
  readonly startupTrials?: number;
  /** The share of observations that count as good. @default 0.25 */
  readonly gamma?: number;
  /** Candidates drawn from the good model; the one with the best good/bad ratio is kept. @default 24 */
  readonly candidates?: number;
}

/**
 * Tree-structured Parzen estimator (Bergstra et al. 2011), per parameter as in hyperopt: the
 * observations split into the best `gamma` share and the rest; each side becomes a density
 * (a Gaussian kernel per observation over the unit interval with a uniform prior kernel, or
 * smoothed counts for a choice); candidates are drawn from the good density and the one
 * maximising good(x) / bad(x) is proposed. npm has no maintained TPE, hence this one.
 */
export function tpeSampler(dims: readonly SpaceDimension[], random: () => number, options: TpeOptions = {}): Sampler {
  const startup = options.startupTrials ?? 10;
  const gamma = options.gamma ?? 0.25;
  const candidates = options.candidates ?? 24;
  const fallback = randomSampler(dims, random);
  return {
    next(history) {
      const usable = history.filter((o) => Number.isFinite(o.score) || o.score === -Infinity);
      if (usable.length < startup) return fallback.next(history);
      const sorted = [...usable].sort((a, b) => b.score - a.score);
      const goodCount = Math.max(1, Math.ceil(gamma * sorted.length));
      const good = sorted.slice(0, goodCount);
      const bad = sorted.slice(goodCount);
      return Object.fromEntries(dims.map((d) => [d.name, proposeDimension(d, good, bad, random, candidates)]));
    },
  };
}

function proposeDimension(dim: SpaceDimension, good: readonly Observation[], bad: readonly Observation[], random: () => number, candidates: number): number | string | boolean {
  const { range } = dim;
  if (range.type === 'choice') {
    const weights = (set: readonly Observation[]) => range.values.map((v) => (set.filter((o) => o.params[dim.name] === v).length + 1) / (set.length + range.values.length));
    const g = weights(good);
    const b = weights(bad);
    let best = 0;
    let bestRatio = -Infinity;
    for (let c = 0; c < candidates; c++) {
      const index = drawCategorical(g, random);
      const ratio = (g[index] as number) / (b[index] as number);
      if (ratio > bestRatio) [best, bestRatio] = [index, ratio];
    }
    return range.values[best] as number | string | boolean;
  }
  const goodPoints = unitPoints(dim, range, good);
  const badPoints = unitPoints(dim, range, bad);
  const goodWidth = bandwidth(goodPoints.length);
  const badWidth = bandwidth(badPoints.length);
  let best = random();
  let bestRatio = -Infinity;
  for (let c = 0; c < candidates; c++) {
    const u = drawParzen(goodPoints, goodWidth, random);
    const ratio = parzenDensity(goodPoints, goodWidth, u) / parzenDensity(badPoints, badWidth, u);
    if (ratio > bestRatio) [best, bestRatio] = [u, ratio];
  }
  return fromUnit(range, best);
}

function unitPoints(dim: SpaceDimension, range: Exclude<ParamRange, { type: 'choice' }>, set: readonly Observation[]): number[] {
  return set.map((o) => o.params[dim.name]).filter((v): v is number => typeof v === 'number').map((v) => Math.min(1, Math.max(0, toUnit(range, v))));
}

/** Scott's rule on the unit interval, never narrower than a fiftieth of it. */
function bandwidth(n: number): number {
  return Math.max(0.02, Math.min(1, 1.06 * 0.29 * (n + 1) ** -0.2));
}

/** A mixture of one kernel per point and a uniform prior over [0, 1], weighted as one more point. */
export function parzenDensity(points: readonly number[], width: number, u: number): number {
  let sum = 1;
  for (const p of points) sum += Math.exp(-0.5 * ((u - p) / width) ** 2) / (width * Math.sqrt(2 * Math.PI));
  return sum / (points.length + 1);
}

function drawParzen(points: readonly number[], width: number, random: () => number): number {
  const k = Math.floor(random() * (points.length + 1));
  if (k === points.length) return random();
  for (;;) {
    // Box-Muller; redrawn until it lands in [0, 1] (a truncated kernel).
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const u = (points[k] as number) + width * normal;
    if (u >= 0 && u <= 1) return u;
  }
}

function drawCategorical(weights: readonly number[], random: () => number): number {
  let r = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i] as number;
    if (r < 0) return i;
  }
  return weights.length - 1;
}
