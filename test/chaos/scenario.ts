import { resolve } from 'node:path';
import { FAULT_KINDS, type FaultKind } from '../../lib/local/exchange-sim/FaultInjector.js';
import { mulberry32 } from '../../lib/domain/mulberry32.js';

/** The minute series of ../shared that overlap in time (2018-01-20 to 2018-01-30). */
const MINUTE_SERIES = ['ETH_BTC-1m.json', 'XLM_BTC-1m.json', 'ADA_BTC-1m.json'] as const;
const CANDLES_DIR = resolve('../shared/data/candles');

/**
 * Where each function's execution environment may die: decide around its writes; capture
 * between storing candles and publishing them; heartbeat in the middle of FLATTEN (an intent
 * written, an exit sent, the ledger not yet written); a reconciliation step between a repair's
 * order and its ledger write. A point a run never reaches kills nothing.
 */
export const DEATH_POINTS = {
  decide: ['afterIntentWrite', 'afterOrderSent', 'beforeLedgerWrite', 'beforeTelemetryWrite', 'afterLedgerWrite'],
  capture: ['afterCandlesStored'],
  heartbeat: ['afterIntentWrite', 'afterOrderSent', 'beforeLedgerWrite'],
  reconcile: ['afterOrderSent'],
} as const;
export type DyingFunction = keyof typeof DEATH_POINTS;
export type DeathPoint = (typeof DEATH_POINTS)[DyingFunction][number];

/** One chaos run, all of it drawn from its seed: the same seed gives the same scenario. */
export interface ChaosScenario {
  readonly seed: number;
  readonly candleFiles: readonly string[];
  /** Minutes after the earliest start the data allows. */
  readonly startOffsetMinutes: number;
  /** Simulated minutes with faults on; then the faults stop, the queue drains and reconciliation runs. */
  readonly chaosMinutes: number;
  readonly exchange: {
    /** Each request to the simulator fails with this probability, as one of `kinds`. */
    readonly probability: number;
    readonly kinds: readonly FaultKind[];
    /** Resting orders fill at most this fraction per candle; whole when absent. */
    readonly partialFillFraction?: string;
  };
  readonly queue: {
    readonly lateProbability: number;
    readonly maxLateMs: number;
    readonly lostDeleteProbability: number;
    readonly duplicateProbability: number;
  };
  readonly dynamo: {
    /** Per attempt: the SDK retries these with backoff. */
    readonly throttleProbability: number;
    /** Per transaction: not retried by the SDK; the caller sees it. */
    readonly conflictProbability: number;
  };
  /** Per boundary reached, for each function: its environment dies at that one of its DEATH_POINTS. */
  readonly deathProbability: Readonly<Record<DyingFunction, number>>;
  /**
   * The kill switch reads FLATTEN from `atMinute` of the faults for `minutes`, then RUN again,
   * which starts a reconciliation while the faults are still on.
   */
  readonly flatten: { readonly atMinute: number; readonly minutes: number };
}

/** Run `index` of a `--seed S` session has seed S + index, so `--runs 1 --seed <that>` replays it alone. */
export const runSeed = (seed: number, index: number): number => (seed + index) >>> 0;

export function chaosScenario(seed: number, chaosMinutes = 120): ChaosScenario {
  const random = mulberry32(seed);
  const between = (low: number, high: number) => low + (high - low) * random();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const first = pick(MINUTE_SERIES);
  const second = pick(MINUTE_SERIES.filter((name) => name !== first));
  const kinds = FAULT_KINDS.filter(() => random() < 0.7);
  const partial = random() < 0.5;
  return {
    seed,
    candleFiles: [first, second].map((name) => resolve(CANDLES_DIR, name)),
    // The series overlap for about ten days; a run needs its window of history and its hours.
    startOffsetMinutes: Math.floor(between(0, 9 * 24 * 60 - chaosMinutes)),
    chaosMinutes,
    exchange: {
      probability: round(between(0.02, 0.08)),
      kinds: kinds.length > 0 ? kinds : [pick(FAULT_KINDS)],
      ...(partial ? { partialFillFraction: pick(['0.25', '0.5', '0.75']) } : {}),
    },
    queue: {
      lateProbability: round(between(0, 0.05)),
      maxLateMs: 10 * 60_000,
      lostDeleteProbability: round(between(0, 0.05)),
      duplicateProbability: round(between(0, 0.05)),
    },
    dynamo: { throttleProbability: round(between(0, 0.05)), conflictProbability: round(between(0.05, 0.15)) },
    deathProbability: {
      // A decide that sends an order passes all five points, one that records a hold only the telemetry write.
      decide: round(between(0.01, 0.04)),
      // Drawn after the rest, so a seed's other settings stay what they were before these deaths.
      ...laterDeaths(between),
    },
    flatten: { atMinute: Math.floor(between(0.3, 0.5) * chaosMinutes), minutes: Math.floor(between(10, 20)) },
  };
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

/**
 * Heartbeat reaches its points only while flattening (three per exit), and a reconciliation
 * step only in a repair that sends an order: both die often when they get there.
 */
function laterDeaths(between: (low: number, high: number) => number): Omit<ChaosScenario['deathProbability'], 'decide'> {
  return { capture: round(between(0.02, 0.08)), heartbeat: round(between(0.1, 0.25)), reconcile: round(between(0.3, 0.6)) };
}
