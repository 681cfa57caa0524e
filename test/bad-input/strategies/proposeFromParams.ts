import type { PlanProposal } from '../../../lib/domain/plan.js';
import type { Strategy, StrategyFactory } from '../../../lib/strategy/Strategy.js';

/**
 * How a case writes a proposal field in the strategy's params, which travel as JSON:
 * `"NaN"`, `"Infinity"`, `"-Infinity"`; `"<factor> close"` for a multiple of the candle's
 * close; `"text:<s>"` for the string s itself. Anything else is used as it is.
 */
export type FieldSpec = unknown;

export interface ProposalParams {
  /** Fields to set on the proposal, over a sound long (entry at the close, 1 % stop, 2 % target). */
  readonly set?: Readonly<Record<string, FieldSpec>>;
  /** Fields to leave out of the proposal. */
  readonly remove?: readonly string[];
  /** Propose this instead of an object (null, a number, …). */
  readonly replaceWith?: FieldSpec;
}

function resolve(spec: FieldSpec, close: number): unknown {
  if (typeof spec !== 'string') return spec;
  if (spec === 'NaN' || spec === 'Infinity' || spec === '-Infinity') return Number(spec);
  if (spec.startsWith('text:')) return spec.slice('text:'.length);
  const multiple = /^(-?[\d.e+-]+) close$/.exec(spec);
  return multiple ? Number(multiple[1]) * close : spec;
}

/** A test strategy loaded by path: on every candle, one proposal as its params describe, however wrong. */
const createProposeFromParams: StrategyFactory = (rawParams): Strategy => {
  const params = rawParams as ProposalParams;
  return {
    name: 'propose-from-params',
    warmupCandles: 1,
    evaluate({ symbol, window }) {
      const close = window.last().close;
      if ('replaceWith' in params) return [resolve(params.replaceWith, close) as PlanProposal];
      const proposal: Record<string, unknown> = { symbol, side: 'long', entry: close, stop: close * 0.99, target: close * 1.02, reason: 'bad-input corpus' };
      for (const [field, spec] of Object.entries(params.set ?? {})) proposal[field] = resolve(spec, close);
      for (const field of params.remove ?? []) delete proposal[field];
      return [proposal as unknown as PlanProposal];
    },
  };
};

export default createProposeFromParams;
