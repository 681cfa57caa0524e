import type { WindowOutcome } from './evaluateWindow.js';
import type { Observation, Sampler } from './samplers.js';
import type { LoggedTrial, TrialLog, TrialStatus } from './trialLog.js';

export interface SearchOptions {
  readonly sampler: Sampler;
  /** Trials in all, those already in the log included. */
  readonly trials: number;
  /** Windows per trial: folds + 1. */
  readonly windows: number;
  readonly evaluate: (params: LoggedTrial['params'], window: number) => Promise<WindowOutcome>;
  readonly log: TrialLog;
  /** Trials in flight at once; more than the workers, so none waits idle. */
  readonly concurrency: number;
  /** Successive halving: at each rung only the best 1/eta of the trials that reached it go on. @default 3 */
  readonly eta?: number;
  readonly onWindow?: (trial: LoggedTrial) => void;
}

/** A trial's score so far: the mean of its windows' scores; -Infinity when one failed. */
export function scoreSoFar(trial: LoggedTrial, upTo = trial.windows.length): number {
  let sum = 0;
  let n = 0;
  for (let w = 0; w < upTo; w++) {
    const outcome = trial.windows[w];
    if (outcome === undefined) continue;
    if (!outcome.ok) return -Infinity;
    sum += outcome.metrics.score;
    n++;
  }
  return n === 0 ? -Infinity : sum / n;
}

/**
 * Draws trials and backtests each window by window, in time order. Asynchronous successive
 * halving (ASHA): after window r (every window but the last), a trial goes on only while its
 * mean score so far is among the best 1/eta of all the trials that got that far; the others
 * stop there, marked pruned, having cost a fraction of a full trial. Each step is appended to
 * the log first, so a resumed search redoes nothing.
 */
export async function runSearch(options: SearchOptions): Promise<LoggedTrial[]> {
  const eta = options.eta ?? 3;
  const trials = await options.log.read();
  const rungs: number[][] = Array.from({ length: options.windows }, () => []);
  for (const trial of trials) {
    if (trial.status === undefined) continue;
    for (let r = 0; r < options.windows - 1 && trial.windows[r] !== undefined; r++) rungs[r]?.push(scoreSoFar(trial, r + 1));
  }
  const history = (): Observation[] => trials.filter((t) => t.status !== undefined).map((t) => ({ params: t.params, score: scoreSoFar(t) }));

  const promoted = (rung: number, score: number): boolean => {
    const scores = rungs[rung] as number[];
    scores.push(score);
    if (scores.length < eta) return score > -Infinity;
    const keep = Math.max(1, Math.floor(scores.length / eta));
    const threshold = [...scores].sort((a, b) => b - a)[keep - 1] as number;
    return score >= threshold && score > -Infinity;
  };

  const runTrial = async (trial: LoggedTrial): Promise<void> => {
    let status: TrialStatus = 'done';
    for (let w = 0; w < options.windows; w++) {
      let outcome = trial.windows[w];
      if (outcome === undefined) {
        outcome = await options.evaluate(trial.params, w);
        trial.windows[w] = outcome;
        await options.log.append({ kind: 'window', id: trial.id, window: w, outcome });
        options.onWindow?.(trial);
      }
      if (!outcome.ok) {
        status = 'failed';
        break;
      }
      if (w < options.windows - 1 && !promoted(w, scoreSoFar(trial, w + 1))) {
        status = 'pruned';
        break;
      }
    }
    trial.status = status;
    await options.log.append({ kind: 'end', id: trial.id, status });
  };

  const queue = trials.filter((t) => t.status === undefined);
  let nextId = trials.reduce((max, t) => Math.max(max, t.id + 1), 0);
  const draw = async (): Promise<LoggedTrial | undefined> => {
    const resumed = queue.shift();
    if (resumed) return resumed;
    if (trials.length >= options.trials) return undefined;
    const trial: LoggedTrial = { id: nextId++, params: options.sampler.next(history()), windows: [] };
    trials.push(trial);
    await options.log.append({ kind: 'trial', id: trial.id, params: trial.params });
    return trial;
  };
  const lane = async (): Promise<void> => {
    for (let trial = await draw(); trial !== undefined; trial = await draw()) await runTrial(trial);
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, lane));
  return trials;
}
