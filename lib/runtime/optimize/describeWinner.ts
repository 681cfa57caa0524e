import type { RankedTrial } from './summarizeSearch.js';

/**
 * The search's winner in one line: its scores in and out of sample, with the trades each
 * made over the folds. A winner that never traded is said to be one: standing aside beat
 * every trial that did, and it is nothing to promote.
 */
export function describeWinner(winner: RankedTrial): string {
  const inSampleTrades = winner.folds.reduce((sum, fold) => sum + fold.inSample.trades, 0);
  const outOfSampleTrades = winner.folds.reduce((sum, fold) => sum + fold.outOfSample.trades, 0);
  const line = `winner: trial ${winner.id}, in-sample ${winner.inSampleScore.toFixed(4)} (${inSampleTrades} trades), out-of-sample ${winner.outOfSampleScore.toFixed(4)} (${outOfSampleTrades} trades): ${JSON.stringify(winner.params)}`;
  if (inSampleTrades > 0) return line;
  return `${line}\nthe winner never traded in sample: standing aside beat every trial that traded; nothing here is worth promoting`;
}
