import { fileURLToPath } from 'node:url';
import { InvalidInputError, TraderError } from '../../domain/errors.js';
import { parseStartArgs, START_USAGE } from './parseStartArgs.js';
import { runLocal } from './runLocal.js';

const REPEATED_SIGNAL_MS = 1000;
const SAMPLE = fileURLToPath(new URL('../../../data/sample/LTC_BTC-5m.json', import.meta.url));

/**
 * `npm start`: the whole bot on this machine until the data or --hours ends, or Ctrl-C.
 * The first Ctrl-C stops after the step in progress and still writes the report; a second
 * one stops at once (DynamoDB Local is killed with this process either way).
 */
export async function startCli(argv: readonly string[]): Promise<number> {
  let stopRequested = false;
  let firstSignalAt = 0;
  const onSigint = () => {
    // A terminal's Ctrl-C reaches npm, tsx and this process at once, and tsx relays it
    // too: the copies arrive within milliseconds, a person's second Ctrl-C does not.
    if (stopRequested && Date.now() - firstSignalAt < REPEATED_SIGNAL_MS) return;
    if (stopRequested) {
      console.error('\nstopping now: no report');
      process.exit(130);
    }
    stopRequested = true;
    firstSignalAt = Date.now();
    console.error('\nstopping after the step in progress (Ctrl-C again to stop at once)…');
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    const args = parseStartArgs(argv, SAMPLE);
    if (args.help) {
      console.log(START_USAGE);
      return 0;
    }
    const outcome = await runLocal(args, { stopRequested: () => stopRequested, print: (line) => console.log(line) });
    return outcome === 'stopped' ? 130 : 0;
  } catch (error) {
    const badArguments = error instanceof InvalidInputError || (error instanceof TypeError && 'code' in error);
    if (badArguments) console.error(`start: ${error.message}\n\n${START_USAGE}`);
    else console.error(error instanceof TraderError ? `start: ${error.message}` : error);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}
