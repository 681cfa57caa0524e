import cliProgress from 'cli-progress';

/**
 * A progress bar of a distributed round's items (tasks) done, one bar per round, on a
 * terminal; elsewhere a line per change, so a CI log shows progress too.
 */
export function showRoundProgress(stream: NodeJS.WriteStream = process.stderr): (progress: { round: number; itemsDone: number; items: number }) => void {
  let bar: cliProgress.SingleBar | undefined;
  let round = -1;
  let last = -1;
  return ({ round: current, itemsDone, items }) => {
    if (!stream.isTTY) {
      if (current !== round || itemsDone !== last) stream.write(`optimize --aws: round ${current + 1}: ${itemsDone}/${items} items done\n`);
    } else {
      if (current !== round) {
        bar?.stop();
        bar = new cliProgress.SingleBar({ stream, format: `round ${current + 1} {bar} {value}/{total} items | {duration_formatted}`, hideCursor: true }, cliProgress.Presets.shades_classic);
        bar.start(items, itemsDone);
      }
      bar?.update(itemsDone);
      if (itemsDone >= items) bar?.stop();
    }
    round = current;
    last = itemsDone;
  };
}
