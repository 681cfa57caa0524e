import type { WindowMetrics } from './objectives.js';
import { scoreSoFar } from './runSearch.js';
import type { ParamSet, SpaceDimension } from './searchSpace.js';
import type { LoggedTrial } from './trialLog.js';

export interface FoldScores {
  readonly fold: number;
  readonly inSample: WindowMetrics;
  readonly outOfSample: WindowMetrics;
}

export interface RankedTrial {
  readonly id: number;
  readonly params: ParamSet;
  /** Mean score over the folds' training windows, and over their out-of-sample windows. */
  readonly inSampleScore: number;
  readonly outOfSampleScore: number;
  readonly folds: readonly FoldScores[];
}

export interface FoldWinner extends FoldScores {
  readonly trialId: number;
  readonly params: ParamSet;
}

export interface SearchSummary {
  readonly trials: number;
  readonly done: number;
  readonly pruned: number;
  readonly failed: number;
  /** Done trials, best in-sample score first. */
  readonly ranked: readonly RankedTrial[];
  /** Per fold, the trial with the best training score and what it then scored out of sample: the honest walk-forward record. */
  readonly walkForward: readonly FoldWinner[];
  /** Per parameter, its share of what explains the score (|Spearman| for numbers, eta² for choices), summing to 1. */
  readonly importance: Readonly<Record<string, number>>;
}

export function summarizeSearch(trials: readonly LoggedTrial[], dims: readonly SpaceDimension[], windows: number): SearchSummary {
  const complete = trials.filter((t) => t.status === 'done');
  const ranked = complete
    .map((t): RankedTrial => {
      const folds = foldScores(t, windows);
      return { id: t.id, params: t.params, folds, inSampleScore: mean(folds.map((f) => f.inSample.score)), outOfSampleScore: mean(folds.map((f) => f.outOfSample.score)) };
    })
    .sort((a, b) => b.inSampleScore - a.inSampleScore || a.id - b.id);
  const walkForward: FoldWinner[] = [];
  for (let fold = 0; fold < windows - 1; fold++) {
    let best: FoldWinner | undefined;
    for (const t of trials) {
      const [inSample, outOfSample] = [t.windows[fold], t.windows[fold + 1]];
      if (!inSample?.ok || !outOfSample?.ok) continue;
      if (best === undefined || inSample.metrics.score > best.inSample.score) best = { fold, trialId: t.id, params: t.params, inSample: inSample.metrics, outOfSample: outOfSample.metrics };
    }
    if (best) walkForward.push(best);
  }
  return {
    trials: trials.length,
    done: complete.length,
    pruned: trials.filter((t) => t.status === 'pruned').length,
    failed: trials.filter((t) => t.status === 'failed').length,
    ranked,
    walkForward,
    importance: importance(trials.filter((t) => scoreSoFar(t, 1) > -Infinity), dims),
  };
}

function foldScores(trial: LoggedTrial, windows: number): FoldScores[] {
  const folds: FoldScores[] = [];
  for (let fold = 0; fold < windows - 1; fold++) {
    const [inSample, outOfSample] = [trial.windows[fold], trial.windows[fold + 1]];
    if (inSample?.ok && outOfSample?.ok) folds.push({ fold, inSample: inSample.metrics, outOfSample: outOfSample.metrics });
  }
  return folds;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? -Infinity : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Scored on the first window, which every valid trial has: pruned trials count too. */
function importance(trials: readonly LoggedTrial[], dims: readonly SpaceDimension[]): Record<string, number> {
  const scores = trials.map((t) => scoreSoFar(t, 1));
  const raw = dims.map((d) => {
    const values = trials.map((t) => t.params[d.name]);
    return d.range.type === 'choice' ? etaSquared(values, scores) : Math.abs(spearman(values.map(Number), scores));
  });
  const total = raw.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  return Object.fromEntries(dims.map((d, i) => [d.name, total > 0 && Number.isFinite(raw[i]) ? (raw[i] as number) / total : 0]));
}

export function spearman(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length < 3) return 0;
  return pearson(ranks(xs), ranks(ys));
}

function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.[0] === order[i]?.[0]) j++;
    for (let k = i; k <= j; k++) out[order[k]?.[1] as number] = (i + j) / 2;
    i = j + 1;
  }
  return out;
}

function pearson(xs: readonly number[], ys: readonly number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

function etaSquared(groups: readonly unknown[], ys: readonly number[]): number {
  const my = mean(ys);
  const total = ys.reduce((s, y) => s + (y - my) ** 2, 0);
  if (!(total > 0)) return 0;
  const byGroup = new Map<unknown, number[]>();
  groups.forEach((g, i) => byGroup.set(g, [...(byGroup.get(g) ?? []), ys[i] as number]));
  let between = 0;
  for (const members of byGroup.values()) between += members.length * (mean(members) - my) ** 2;
  return between / total;
}
