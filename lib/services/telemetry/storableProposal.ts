import type { PlanProposal } from '../../domain/plan.js';

/** DynamoDB's number range; the document client refuses NaN, ±Infinity and anything beyond. */
const LARGEST = 9.99e125;
const SMALLEST = 1e-130;

/**
 * A proposal as the decision record can keep it: a strategy may propose anything, and a
 * number DynamoDB cannot store (NaN, ±Infinity, 1e308, 1e-300) would fail the whole commit,
 * so the decision would be delivered again until it dead-letters. Such numbers are kept as
 * their text; everything else as it was.
 */
export function storableProposal(proposal: PlanProposal): PlanProposal {
  return isFlatAndStorable(proposal) ? proposal : (storable(proposal) as PlanProposal);
}

/** The usual proposal (strings and storable numbers, no nesting) is kept as it is, without a copy. */
function isFlatAndStorable(proposal: PlanProposal): boolean {
  if (proposal === null || typeof proposal !== 'object' || Array.isArray(proposal)) return false;
  for (const key in proposal) {
    const value: unknown = proposal[key as keyof PlanProposal];
    if (typeof value === 'number' ? !isStorableNumber(value) : value !== null && typeof value === 'object') return false;
  }
  return true;
}

function storable(value: unknown): unknown {
  if (typeof value === 'number') return isStorableNumber(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(storable);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, storable(inner)]));
  return value;
}

function isStorableNumber(value: number): boolean {
  const size = Math.abs(value);
  return Number.isFinite(value) && (size === 0 || (size >= SMALLEST && size <= LARGEST));
}
