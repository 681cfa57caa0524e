import type { RiskRejectionCode } from '../../../lib/domain/riskRejection.js';
import type { ProposalParams } from '../strategies/proposeFromParams.js';

/**
 * A proposal risk must refuse on a sound candle: no order, nothing stored, a reason naming
 * the field. `decision_failed`: the candle's decision throws instead (logged, redelivered).
 */
export interface ProposalCase {
  readonly name: string;
  readonly params: ProposalParams;
  readonly code: RiskRejectionCode | 'decision_failed';
  /** Text the rejection (or the logged error) must hold: the field's name. */
  readonly mentions: string;
}

const LEVELS = ['entry', 'stop', 'target'] as const;

/** The rejection's detail starts with the field's name. */
const detailStartsWith = (field: string) => `"detail":"${field} `;

/** Values no price takes, as the strategy's params write them (see proposeFromParams). */
const BAD_PRICES: readonly [string, unknown][] = [
  ['NaN', 'NaN'],
  ['Infinity', 'Infinity'],
  ['-Infinity', '-Infinity'],
  ['negative', '-1 close'],
  ['zero', 0],
  ['negative zero', '-0 close'],
  ['null', null],
  ['a number as text', 'text:0.0162'],
  ['a boolean', true],
];

const badLevels: ProposalCase[] = LEVELS.flatMap((field) => [
  ...BAD_PRICES.map(([what, spec]): ProposalCase => ({ name: `${field} ${what}`, params: { set: { [field]: spec } }, code: 'invalid_levels', mentions: detailStartsWith(field) })),
  { name: `${field} missing`, params: { remove: [field] }, code: 'invalid_levels', mentions: detailStartsWith(field) },
  { name: `${field} huge (1e308)`, params: { set: { [field]: 1e308 } }, code: 'invalid_levels', mentions: detailStartsWith(field) },
]);

const badLevelOrder: ProposalCase[] = [
  { name: 'a stop above the entry', params: { set: { stop: '1.01 close' } }, code: 'invalid_levels', mentions: 'stop < entry < target' },
  { name: 'a target below the entry', params: { set: { target: '0.98 close' } }, code: 'invalid_levels', mentions: 'stop < entry < target' },
  { name: 'levels below one tick, rounding to zero', params: { set: { entry: 2e-9, stop: 1e-9, target: 4e-9 } }, code: 'invalid_levels', mentions: 'after rounding to tick 0.00000001' },
];

const badExits: ProposalCase[] = [
  ...([['NaN', 'NaN'], ['Infinity', 'Infinity'], ['negative', -0.02], ['zero', 0], ['100 %', 1], ['over 100 %', 1.5], ['a number as text', 'text:0.02'], ['null', null], ['below one in a million (no plain decimal)', 1e-7]] as const).map(
    ([what, spec]): ProposalCase => ({ name: `trailingStopPct ${what}`, params: { set: { trailingStopPct: spec } }, code: 'invalid_levels', mentions: detailStartsWith('trailingStopPct') }),
  ),
  ...([['NaN', 'NaN'], ['Infinity', 'Infinity'], ['negative', -60_000], ['zero', 0], ['fractional', 1.5], ['huge (1e308)', 1e308], ['a number as text', 'text:60000'], ['null', null]] as const).map(
    ([what, spec]): ProposalCase => ({ name: `maxAgeMs ${what}`, params: { set: { maxAgeMs: spec } }, code: 'invalid_levels', mentions: detailStartsWith('maxAgeMs') }),
  ),
];

const badShapes: ProposalCase[] = [
  { name: 'a proposal for another symbol', params: { set: { symbol: 'ETH/BTC' } }, code: 'other_symbol', mentions: '"symbol":"ETH/BTC","decidedSymbol":"LTC/BTC"' },
  { name: 'a proposal without a symbol', params: { remove: ['symbol'] }, code: 'other_symbol', mentions: '"symbol":"undefined","decidedSymbol":"LTC/BTC"' },
  { name: 'an unknown side', params: { set: { side: 'buy' } }, code: 'invalid_proposal', mentions: detailStartsWith('side') },
  { name: 'a proposal without a side', params: { remove: ['side'] }, code: 'invalid_proposal', mentions: detailStartsWith('side') },
  { name: 'a proposal without a reason', params: { remove: ['reason'] }, code: 'invalid_proposal', mentions: detailStartsWith('reason') },
  { name: 'a numeric reason', params: { set: { reason: 42 } }, code: 'invalid_proposal', mentions: detailStartsWith('reason') },
  { name: 'a reason of 100,000 characters', params: { set: { reason: 'x'.repeat(100_000) } }, code: 'invalid_proposal', mentions: detailStartsWith('reason') },
  { name: 'null instead of a proposal', params: { replaceWith: null }, code: 'invalid_proposal', mentions: 'proposal null is not an object' },
  { name: 'a number instead of a proposal', params: { replaceWith: 42 }, code: 'invalid_proposal', mentions: 'proposal 42 is not an object' },
  { name: 'text instead of a proposal', params: { replaceWith: 'text:long LTC/BTC' }, code: 'invalid_proposal', mentions: 'proposal long LTC/BTC is not an object' },
];

/** Sound levels whose amount, rounded down to the market's amount step, is nothing. */
const badAmounts: ProposalCase[] = [
  { name: 'an entry so high the amount rounds down to zero', params: { set: { entry: 1e9, stop: 5e8, target: 2e9 } }, code: 'order_value_below_min', mentions: '"value":"0"' },
];

export const PROPOSAL_CASES: readonly ProposalCase[] = [...badLevels, ...badLevelOrder, ...badExits, ...badShapes, ...badAmounts];

/**
 * Rejected proposals holding numbers DynamoDB cannot store. Their rejection is written in
 * the decision record whenever the candle commits anything (here: the day's first risk state).
 */
export const UNSTORABLE_PROPOSAL_CASES: readonly ProposalCase[] = [
  { name: 'entry NaN', params: { set: { entry: 'NaN' } }, code: 'invalid_levels', mentions: detailStartsWith('entry') },
  { name: 'stop -Infinity', params: { set: { stop: '-Infinity' } }, code: 'invalid_levels', mentions: detailStartsWith('stop') },
  { name: 'target huge (1e308)', params: { set: { target: 1e308 } }, code: 'invalid_levels', mentions: detailStartsWith('target') },
  { name: 'entry below DynamoDB\'s smallest number (1e-300)', params: { set: { entry: 1e-300 } }, code: 'invalid_levels', mentions: 'stop < entry < target' },
  { name: 'maxAgeMs huge (1e308)', params: { set: { maxAgeMs: 1e308 } }, code: 'invalid_levels', mentions: detailStartsWith('maxAgeMs') },
];
