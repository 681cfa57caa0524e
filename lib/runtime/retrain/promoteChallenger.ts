import type { ShadowConfig } from '../../domain/config.js';
import { InvalidInputError } from '../../domain/errors.js';
import type { Plan } from '../../domain/plan.js';
import { type RuntimeConfig, RuntimeConfigSchema } from '../../domain/runtimeConfig.js';
import { parseWith } from '../../domain/validation.js';
import { MODEL_STRATEGY } from '../../strategy/model/loadModelStrategy.js';
import { type BookRecord, bookRecord } from './bookRecord.js';
import { CHALLENGER_SHADOW_ID, type RuntimeConfigDocument, challengerOf, runningShadows } from './challengerShadow.js';
import { CHALLENGER_PREFIX } from './checkpointKey.js';

export interface PromoteDeps {
  readonly runtimeConfig: RuntimeConfigDocument;
  readonly deployedShadows: readonly ShadowConfig[];
  /** The live book's plans closed at or after `since`. */
  readonly liveClosedPlans: (since: number) => Promise<readonly Plan[]>;
  /** The challenger's newest resolved shadow plans, at most `limit`. */
  readonly challengerPlans: (limit: number) => Promise<readonly Plan[]>;
  /** The calibration monitor's window (`calibration.outcomes`). */
  readonly calibrationWindow: number;
  /** Shown the comparison and the new runtime config; true only when the operator says yes (or --yes). */
  readonly confirm: (text: string) => Promise<boolean>;
}

export type PromoteOutcome =
  | { readonly kind: 'promoted'; readonly config: RuntimeConfig; readonly text: string }
  | { readonly kind: 'declined'; readonly text: string };

/** When the challenger started: its checkpoint key's training window end (`challengers/20261203T120000Z/…`). */
export function challengerSince(checkpoint: string): number {
  const match = new RegExp(`${CHALLENGER_PREFIX}(\\d{8}T\\d{6}Z)/`).exec(checkpoint);
  if (match?.[1] === undefined) throw new InvalidInputError('shadow.challenger.checkpoint', `${checkpoint} is not a retrain checkpoint (…/${CHALLENGER_PREFIX}<window end>/model.onnx)`);
  const t = match[1];
  return Date.parse(`${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(9, 11)}:${t.slice(11, 13)}:${t.slice(13, 15)}Z`);
}

const percent = (fraction: number | null) => (fraction === null ? 'n/a' : `${(fraction * 100).toFixed(2)} %`);
const score = (value: number | null) => (value === null ? 'n/a' : value.toFixed(4));

export function describeRecords(records: readonly BookRecord[]): string {
  const rows = [
    ['book', 'trades', 'return', 'win rate', 'PnL', 'outcomes', 'Brier', 'log-loss', 'ECE'],
    ...records.map((r) => [
      r.book,
      String(r.trades),
      r.returnOnCost === null ? 'n/a' : `${r.returnOnCost}`,
      percent(r.winRate),
      r.pnl,
      String(r.calibration.outcomes),
      score(r.calibration.brier),
      score(r.calibration.logLoss),
      score(r.calibration.ece),
    ]),
  ];
  const widths = rows[0]!.map((_unused, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

/**
 * `npm run promote`: the challenger's shadow record and calibration beside the live model's,
 * over the same period (since the challenger's training window ended), and, only when the
 * operator says yes, the swap: the runtime config's live strategy becomes the model with the
 * challenger's checkpoint (the live params kept), and the challenger's shadow entry is
 * removed. Refuses when there is no challenger, or no resolved plan of it yet.
 */
export async function promoteChallenger(deps: PromoteDeps): Promise<PromoteOutcome> {
  const current = await deps.runtimeConfig.read();
  const challenger = challengerOf(current, deps.deployedShadows);
  if (challenger === undefined || challenger.checkpoint === undefined) {
    throw new InvalidInputError(deps.runtimeConfig.parameterName, `no shadow "${CHALLENGER_SHADOW_ID}" with a checkpoint: nothing to promote (npm run retrain, or the scheduled retrain, adds one)`);
  }
  const since = challengerSince(challenger.checkpoint);
  const challengerRecord = bookRecord(CHALLENGER_SHADOW_ID, await deps.challengerPlans(Math.max(deps.calibrationWindow, 1000)), since, deps.calibrationWindow);
  if (challengerRecord.trades === 0) {
    throw new InvalidInputError(CHALLENGER_SHADOW_ID, `no resolved shadow plan since ${new Date(since).toISOString()}: no record to compare yet, nothing promoted`);
  }
  const liveRecord = bookRecord(`live (${current.strategy.name}${current.strategy.checkpoint !== undefined ? ` ${current.strategy.checkpoint}` : ''})`, await deps.liveClosedPlans(since), since, deps.calibrationWindow);
  const params = current.strategy.name === MODEL_STRATEGY ? current.strategy.params : challenger.params;
  const next = parseWith(
    RuntimeConfigSchema,
    {
      ...current,
      strategy: { name: MODEL_STRATEGY, params, checkpoint: challenger.checkpoint },
      shadow: runningShadows(current, deps.deployedShadows).filter((shadow) => shadow.id !== CHALLENGER_SHADOW_ID),
    },
    deps.runtimeConfig.parameterName,
  );
  const text = [
    `challenger ${challenger.checkpoint}`,
    `closed plans since ${new Date(since).toISOString()} (the challenger's training window end):`,
    describeRecords([liveRecord, challengerRecord]),
    '',
    `promoting writes ${deps.runtimeConfig.parameterName}: strategy ${JSON.stringify(next.strategy)}; the shadow "${CHALLENGER_SHADOW_ID}" is removed`,
  ].join('\n');
  if (!(await deps.confirm(text))) return { kind: 'declined', text };
  await deps.runtimeConfig.write(next);
  return { kind: 'promoted', config: next, text };
}
