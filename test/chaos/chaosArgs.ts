import { parseArgs } from 'node:util';
import { InvalidInputError } from '../../lib/domain/errors.js';

export const CHAOS_USAGE = `usage: npm run chaos -- [--runs N] [--seed S] [--minutes M] [--out FILE]

  --runs N      scenarios to run (default 5); run i has seed S + i
  --seed S      the first scenario's seed, an integer from 0 to 4294967295 (default: drawn, and printed)
  --minutes M   simulated minutes of faults per run (default 120); then the queue drains,
                reconciliation runs and the invariants are checked
  --out FILE    every run's scenario, faults and violations as JSON (default out/chaos/summary.json)`;

export interface ChaosArgs {
  readonly help: boolean;
  readonly runs: number;
  readonly seed: number;
  readonly minutes: number;
  readonly out: string;
}

/** The command line of `npm run chaos`; a mistake throws an InvalidInputError naming the option. */
export function parseChaosArgs(argv: readonly string[], drawSeed: () => number): ChaosArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      runs: { type: 'string', default: '5' },
      seed: { type: 'string' },
      minutes: { type: 'string', default: '120' },
      out: { type: 'string', default: 'out/chaos/summary.json' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  return {
    help: values.help,
    runs: integer('--runs', values.runs, 1, 100_000),
    seed: values.seed === undefined ? drawSeed() : integer('--seed', values.seed, 0, 0xffffffff),
    minutes: integer('--minutes', values.minutes, 10, 24 * 60),
    out: values.out,
  };
}

function integer(option: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new InvalidInputError(option, `"${text}" is not an integer from ${min} to ${max}`);
  return value;
}
