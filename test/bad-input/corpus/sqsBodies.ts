import type { Candle } from '../../../lib/domain/candle.js';
import { candle } from '../../integration/local/exchange-sim/simFixture.js';
import { DECIDED_INDEX } from '../support/seedLedger.js';

/** One SQS body decide must refuse: reported for redelivery, no order, nothing stored changed. */
export interface SqsBodyCase {
  readonly name: string;
  /** The body exactly as SQS hands it over. */
  readonly body: string;
  /** The field the logged reason must start with. */
  readonly field: string;
  /** More text the reason must hold, when the field alone does not say what was wrong. */
  readonly mentions?: string;
}

const sound = { symbol: 'LTC/BTC', timeframe: '5m', candle: candle(DECIDED_INDEX) };
const PLACEHOLDER = 424242.4242;

/** The sound message as JSON, with some fields replaced (undefined drops a field). */
function message(change: Record<string, unknown>): string {
  return JSON.stringify({ ...sound, ...change });
}

function withCandle(change: Partial<Record<keyof Candle | 'trades', unknown>>): string {
  return message({ candle: { ...sound.candle, ...change } });
}

/** A number JSON.stringify cannot write (1e999 parses to Infinity), put into the body's text. */
function withRawCandleNumber(field: keyof Candle, text: string): string {
  return withCandle({ [field]: PLACEHOLDER }).replace(String(PLACEHOLDER), text);
}

const envelope: SqsBodyCase[] = [
  { name: 'an empty body', body: '', field: 'body' },
  { name: 'only whitespace', body: ' \n\t', field: 'body' },
  { name: 'plain text', body: 'candle closed', field: 'body' },
  { name: 'truncated JSON', body: message({}).slice(0, 40), field: 'body' },
  { name: 'JSON followed by garbage', body: `${message({})}}`, field: 'body' },
  { name: 'XML', body: '<candle symbol="LTC/BTC"/>', field: 'body' },
  { name: 'a bare NaN literal', body: message({}).replace(String(sound.candle.close), 'NaN'), field: 'body' },
  { name: 'JSON null', body: 'null', field: '(body)' },
  { name: 'a JSON array', body: '[]', field: '(body)' },
  { name: 'the message inside an array', body: `[${message({})}]`, field: '(body)' },
  { name: 'a JSON string', body: '"LTC/BTC"', field: '(body)' },
  { name: 'the message encoded twice', body: JSON.stringify(message({})), field: '(body)' },
  { name: 'a number', body: '42', field: '(body)' },
  { name: 'a number too large for a double', body: '1e999', field: '(body)' },
  { name: 'true', body: 'true', field: '(body)' },
  { name: 'an empty object', body: '{}', field: 'symbol' },
  { name: 'an unknown key', body: message({ botId: 'badinput' }), field: '(body)', mentions: '"botId"' },
  { name: 'the symbol under another name', body: message({ symbol: undefined, pair: 'LTC/BTC' }), field: 'symbol' },
];

const symbols: SqsBodyCase[] = [
  ['a missing symbol', undefined],
  ['a null symbol', null],
  ['a numeric symbol', 42],
  ['an empty symbol', ''],
  ['a dash instead of a slash', 'LTC-BTC'],
  ['a lowercase symbol', 'ltc/btc'],
  ['three currencies', 'LTC/BTC/ETH'],
  ['no separator', 'LTCBTC'],
  ['a leading space', ' LTC/BTC'],
  ['a trailing space', 'LTC/BTC '],
  ['a symbol over 64 characters', `${'L'.repeat(40)}/${'B'.repeat(40)}`],
  ['a symbol the bot does not trade', 'ETH/BTC'],
  ['a symbol on another quote', 'DOGE/USDT'],
  ['the pair inverted', 'BTC/LTC'],
  ['a symbol as an array', ['LTC/BTC']],
].map(([name, symbol]) => ({ name: name as string, body: message({ symbol }), field: 'symbol' }));

const timeframes: SqsBodyCase[] = [
  ['a missing timeframe', undefined],
  ['a null timeframe', null],
  ['an unknown timeframe', '7m'],
  ['a timeframe in capitals', '5M'],
  ['an empty timeframe', ''],
  ['a timeframe as minutes', 5],
  ['a timeframe as milliseconds', '300000'],
  ['a weekly timeframe', '1w'],
  ['a timeframe with a space', ' 5m'],
  ['a timeframe the bot does not trade this symbol on', '1m'],
  ['another timeframe the bot does not trade', '1h'],
].map(([name, timeframe]) => ({ name: name as string, body: message({ timeframe }), field: 'timeframe' }));

const candleShapes: SqsBodyCase[] = [
  { name: 'a missing candle', body: message({ candle: undefined }), field: 'candle' },
  { name: 'a null candle', body: message({ candle: null }), field: 'candle' },
  { name: 'a candle as a data-file row', body: message({ candle: Object.values(sound.candle) }), field: 'candle' },
  { name: 'a candle as text', body: message({ candle: JSON.stringify(sound.candle) }), field: 'candle' },
  { name: 'a candle with an unknown key', body: withCandle({ trades: 42 }), field: 'candle', mentions: '"trades"' },
];

const PRICE_FIELDS = ['open', 'high', 'low', 'close'] as const;

/** Values no field of a candle takes: each must be refused naming the field it is in. */
function badNumbers(field: keyof Candle): SqsBodyCase[] {
  const cases: [string, string][] = [
    ['missing', withCandle({ [field]: undefined })],
    ['null (what JSON.stringify writes for NaN)', withCandle({ [field]: null })],
    ['the text "NaN"', withCandle({ [field]: 'NaN' })],
    ['a number as text', withCandle({ [field]: String(sound.candle[field]) })],
    ['a boolean', withCandle({ [field]: true })],
    ['an object', withCandle({ [field]: { value: sound.candle[field] } })],
    ['1e999 (Infinity)', withRawCandleNumber(field, '1e999')],
    ['-1e999 (-Infinity)', withRawCandleNumber(field, '-1e999')],
    ['negative', withCandle({ [field]: -Math.abs(sound.candle[field]) })],
    ['huge (1e308)', withCandle({ [field]: 1e308 })],
  ];
  if (field !== 'volume' && field !== 'openTime') cases.push(['zero', withCandle({ [field]: 0 })], ['negative zero', withRawCandleNumber(field, '-0')]);
  if (field === 'openTime') cases.push(['fractional', withCandle({ openTime: sound.candle.openTime + 0.5 })], ['beyond a safe integer', withCandle({ openTime: 2 ** 53 })]);
  return cases.map(([what, body]) => ({ name: `candle.${field} ${what}`, body, field: `candle.${field}` }));
}

const { high, low } = sound.candle;
const candleConsistency: SqsBodyCase[] = [
  { name: 'a high below the low', body: withCandle({ high: low * 0.99 }), field: 'candle.high' },
  { name: 'a close above the high', body: withCandle({ close: high * 1.01 }), field: 'candle.high' },
  { name: 'an open above the high', body: withCandle({ open: high * 1.01 }), field: 'candle.high' },
  { name: 'a close below the low', body: withCandle({ close: low * 0.99 }), field: 'candle.low' },
  { name: 'an open below the low', body: withCandle({ open: low * 0.99 }), field: 'candle.low' },
  { name: 'every price 1e308 (consistent, but no market trades there)', body: withCandle({ open: 1e308, high: 1e308, low: 1e308, close: 1e308 }), field: 'candle.open' },
  { name: 'every price 1e-400 (zero once parsed)', body: withCandle({ open: PLACEHOLDER, high: PLACEHOLDER, low: PLACEHOLDER, close: PLACEHOLDER }).replaceAll(String(PLACEHOLDER), '1e-400'), field: 'candle.open' },
];

/** Every malformed body in the corpus, by kind. */
export const SQS_BODY_CASES: readonly SqsBodyCase[] = [
  ...envelope,
  ...symbols,
  ...timeframes,
  ...candleShapes,
  ...(['openTime', ...PRICE_FIELDS, 'volume'] as const).flatMap(badNumbers),
  ...candleConsistency,
];

/** The sound message the corpus is made from: decide trades it. */
export const SOUND_BODY = message({});
