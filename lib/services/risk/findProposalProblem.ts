/** Longer reasons are a strategy's bug, not an explanation: every plan and decision record carries it. */
export const MAX_PROPOSAL_REASON_LENGTH = 1_000;

const SIDES: readonly unknown[] = ['long', 'short'];

/**
 * Why what a strategy handed over is not a proposal, or undefined. A strategy is code loaded
 * by path, so its output is checked like any input that crossed a boundary: a plan with a
 * missing or odd reason would be written, and then fail to load.
 */
export function findProposalProblem(proposal: unknown): string | undefined {
  if (proposal === null || typeof proposal !== 'object') return `proposal ${String(proposal)} is not an object`;
  const { side, reason } = proposal as Record<string, unknown>;
  if (!SIDES.includes(side)) return `side ${JSON.stringify(side)} is not long or short`;
  if (typeof reason !== 'string') return `reason ${JSON.stringify(reason)} is not text`;
  if (reason.length > MAX_PROPOSAL_REASON_LENGTH) return `reason is ${reason.length} characters long, over ${MAX_PROPOSAL_REASON_LENGTH}`;
  return undefined;
}
