import type { PlanProposal } from '../../domain/plan.js';
import { MAX_PLAUSIBLE_FIGURE } from '../../domain/candle.js';
import type { LlmRejection } from './LlmRejection.js';
import { type PlanAnswer, PlanAnswerSchema } from './planAnswer.js';

export interface PlanAnswerLimits {
  readonly symbol: string;
  readonly lastPrice: number;
  /** The entry's greatest distance from the last price, a fraction of it. */
  readonly entryBand: number;
  readonly minConfidence: number;
  readonly timeframeMs: number;
}

export type CheckedAnswer =
  | { readonly kind: 'proposal'; readonly proposal: PlanProposal }
  | { readonly kind: 'none'; readonly reason: string }
  | { readonly kind: 'rejected'; readonly rejection: LlmRejection };

/**
 * The model's answer is untrusted input. In order:
 * 1. the shape (PlanAnswerSchema): else `malformed_answer`;
 * 2. action `none`: no proposal;
 * 3. entry, stop and target present, finite, positive and plausible: else `missing_levels`;
 * 4. the entry within `entryBand` of the last price: else `entry_outside_band`;
 * 5. stop < entry < target: else `levels_out_of_order`;
 * 6. confidence at least minConfidence: else `low_confidence`.
 * What passes is a long proposal with pWin = confidence and maxAgeMs = horizon; risk then
 * applies every rule (reward:risk, sizing, caps) as to any strategy's proposal.
 */
export function checkPlanAnswer(raw: unknown, limits: PlanAnswerLimits): CheckedAnswer {
  const parsed = PlanAnswerSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return rejected('malformed_answer', `${where}: ${issue?.message ?? 'invalid'}`);
  }
  const answer: PlanAnswer = parsed.data;
  if (answer.action === 'none') return { kind: 'none', reason: answer.reason };
  const { entry, stop, target } = answer;
  if (!plausible(entry) || !plausible(stop) || !plausible(target)) return rejected('missing_levels', `entry ${entry}, stop ${stop}, target ${target}`);
  const distance = Math.abs(entry - limits.lastPrice) / limits.lastPrice;
  if (!(distance <= limits.entryBand)) {
    return rejected('entry_outside_band', `entry ${entry} is ${formatFraction(distance)} from the last price ${limits.lastPrice}, over the band ${formatFraction(limits.entryBand)}`);
  }
  if (!(stop < entry && entry < target)) return rejected('levels_out_of_order', `needs stop < entry < target, got stop ${stop}, entry ${entry}, target ${target}`);
  if (answer.confidence < limits.minConfidence) return rejected('low_confidence', `confidence ${answer.confidence} is below ${limits.minConfidence}`);
  const proposal: PlanProposal = {
    symbol: limits.symbol,
    side: 'long',
    entry,
    stop,
    target,
    pWin: answer.confidence,
    ...(answer.horizonCandles !== null ? { maxAgeMs: answer.horizonCandles * limits.timeframeMs } : {}),
    reason: `llm: ${answer.reason}`,
  };
  return { kind: 'proposal', proposal };
}

function plausible(value: number | null): value is number {
  return value !== null && Number.isFinite(value) && value > 0 && value < MAX_PLAUSIBLE_FIGURE;
}

function rejected(code: LlmRejection['code'], detail: string): CheckedAnswer {
  return { kind: 'rejected', rejection: { code, detail } };
}

function formatFraction(value: number): string {
  return `${Number((value * 100).toPrecision(4))} %`;
}
