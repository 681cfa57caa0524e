import { RETRAIN_CADENCES, type RetrainCadence } from './constructs/Retrainer.js';

/** `-c retrain=weekly` (or daily) turns the scheduled retrain on; another value fails the synth naming the choices. */
export function retrainContext(value: unknown): { retrain?: RetrainCadence } {
  if (value === undefined || value === false || value === 'false' || value === 'off') return {};
  if (typeof value === 'string' && (RETRAIN_CADENCES as readonly string[]).includes(value)) return { retrain: value as RetrainCadence };
  throw new Error(`-c retrain=${JSON.stringify(value)}: expected ${RETRAIN_CADENCES.join(' or ')} (or off)`);
}
