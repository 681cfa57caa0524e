import { describe, expect, it } from 'vitest';
import { decisionDeduplicationId, DecisionMessageSchema, type DecisionMessage } from '../../../lib/domain/decisionMessage.js';
import { parseWith } from '../../../lib/domain/validation.js';

const message: DecisionMessage = {
  symbol: 'LTC/BTC',
  timeframe: '5m',
  candle: { openTime: 1_515_560_100_000, open: 0.0161, high: 0.0163, low: 0.016, close: 0.0162, volume: 1234.5 },
};

const parse = (value: unknown): DecisionMessage => parseWith(DecisionMessageSchema, value, 'message');

describe('Schema: DecisionMessageSchema', () => {
  it('accepts a sound message as it is', () => {
    expect(parse(JSON.parse(JSON.stringify(message)))).toEqual(message);
  });

  it('rejects a NaN price, naming the field', () => {
    expect(() => parse({ ...message, candle: { ...message.candle, close: Number.NaN } })).toThrow(/^message: candle\.close: /);
  });

  it('rejects a negative price, naming the field', () => {
    expect(() => parse({ ...message, candle: { ...message.candle, low: -1 } })).toThrow(/^message: candle\.low: /);
  });

  it('rejects a timeframe it does not know', () => {
    expect(() => parse({ ...message, timeframe: '7m' })).toThrow(/^message: timeframe: /);
  });

  it('rejects a message without a candle', () => {
    const { symbol, timeframe } = message;
    expect(() => parse({ symbol, timeframe })).toThrow(/^message: candle: /);
  });

  it('rejects a symbol that is not BASE/QUOTE', () => {
    expect(() => parse({ ...message, symbol: 'LTC-BTC' })).toThrow('message: symbol: must look like BASE/QUOTE');
  });

  it('rejects a symbol over 64 characters, which would not fit a deduplication id', () => {
    expect(() => parse({ ...message, symbol: `${'A'.repeat(32)}/${'B'.repeat(32)}` })).toThrow(/^message: symbol: /);
  });

  it('rejects keys it does not know, in the message and in the candle', () => {
    expect(() => parse({ ...message, botId: 'x' })).toThrow(/^message: \(root\): Unrecognized key: "botId"/);
    expect(() => parse({ ...message, candle: { ...message.candle, trades: 3 } })).toThrow(/^message: candle: Unrecognized key: "trades"/);
  });
});

describe('Function: decisionDeduplicationId', () => {
  it('names the symbol, timeframe and candle open time', () => {
    expect(decisionDeduplicationId(message)).toBe('LTC/BTC:5m:1515560100000');
  });

  it('stays within the SQS limits: at most 128 characters of alphanumerics and punctuation', () => {
    const longest = { ...message, symbol: `${'A'.repeat(32)}/${'B'.repeat(31)}`, timeframe: '12h' as const };
    const id = decisionDeduplicationId(parse({ ...longest, candle: { ...message.candle, openTime: Number.MAX_SAFE_INTEGER } }));
    expect(id.length).toBeLessThanOrEqual(128);
    expect(id).toMatch(/^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]+$/);
  });
});
