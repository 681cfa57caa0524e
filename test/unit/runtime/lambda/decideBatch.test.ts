import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Candle, Timeframe } from '../../../../lib/domain/candle.js';
import type { DecisionRecord } from '../../../../lib/domain/decisionRecord.js';
import type { DecisionOutcome } from '../../../../lib/services/decision/DecisionCycle.js';
import { createLogger } from '../../../../lib/runtime/lambda/createLogger.js';
import { decideBatch } from '../../../../lib/runtime/lambda/decideBatch.js';
import { ManualClock } from '../../../../lib/adapters/memory/ManualClock.js';

const T0 = Date.UTC(2018, 0, 20);
/** Well after every candle of the tests has closed. */
const NOW = T0 + 86_400_000;
const candle = (openTime: number): Candle => ({ openTime, open: 0.017, high: 0.0172, low: 0.0169, close: 0.0171, volume: 12.5 });
const body = (symbol: string, openTime: number, timeframe = '5m') => JSON.stringify({ symbol, timeframe, candle: candle(openTime) });

function sqsRecord(messageId: string, group: string, messageBody: string): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body: messageBody,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0', MessageGroupId: group, MessageDeduplicationId: messageId, SequenceNumber: '1' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:decisions.fifo',
    awsRegion: 'eu-west-1',
  };
}

function harness(fail: (symbol: string, openTime: number) => boolean = () => false) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const decided: string[] = [];
  const counts: Record<string, number> = {};
  const decide = (symbol: string, timeframe: Timeframe, c: Candle): Promise<DecisionOutcome> => {
    if (fail(symbol, c.openTime)) return Promise.reject(new Error('DynamoDB said no'));
    decided.push(`${symbol}@${c.openTime}`);
    const record: DecisionRecord = { botId: 'b', symbol, timeframe, candleOpenTime: c.openTime, decidedAt: c.openTime + 300_000, close: c.close, killSwitch: 'RUN', openPlans: 0, exits: [], verdicts: [], orders: [] };
    return Promise.resolve({ kind: 'decided', record, settled: [], settledFills: 0 });
  };
  const deps = {
    decide,
    series: new Set(['LTC/BTC#5m', 'ETH/BTC#5m']),
    logger: createLogger({ service: 'decide', destination }),
    metrics: { count: (name: string, value = 1) => void (counts[name] = (counts[name] ?? 0) + value), gauge: () => undefined },
    clock: new ManualClock(NOW),
  };
  return { deps, lines, decided, counts };
}

const event = (...records: SQSRecord[]): SQSEvent => ({ Records: records });

describe('Function: decideBatch', () => {
  it('decides every message in order and reports no failure', async () => {
    const { deps, decided } = harness();
    const result = await decideBatch(event(sqsRecord('1', 'LTC/BTC', body('LTC/BTC', T0)), sqsRecord('2', 'LTC/BTC', body('LTC/BTC', T0 + 300_000))), deps);
    expect(result).toEqual({ batchItemFailures: [] });
    expect(decided).toEqual([`LTC/BTC@${T0}`, `LTC/BTC@${T0 + 300_000}`]);
  });

  it('refuses a malformed message with its reason, holds back the rest of its group, and lets other groups go on', async () => {
    const { deps, decided, lines, counts } = harness();
    const bad = JSON.stringify({ symbol: 'LTC/BTC', timeframe: '5m', candle: { ...candle(T0), close: Number.NaN } }).replace('null', '"NaN"');
    const result = await decideBatch(
      event(sqsRecord('1', 'LTC/BTC', bad), sqsRecord('2', 'ETH/BTC', body('ETH/BTC', T0)), sqsRecord('3', 'LTC/BTC', body('LTC/BTC', T0 + 300_000))),
      deps,
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '1' }, { itemIdentifier: '3' }] });
    expect(decided).toEqual([`ETH/BTC@${T0}`]);
    const refusal = lines.find((l) => l.msg === 'malformed decision message: refused, no order');
    expect(refusal).toMatchObject({ level: 'error', messageId: '1', group: 'LTC/BTC' });
    expect(String(refusal?.reason)).toMatch(/^candle\.close: /);
    // A refusal is a log line and a redelivery, not a metric of its own: the DLQ alarm hears of it.
    expect(counts).toEqual({ Decisions: 1 });
  });

  it.each([
    ['not JSON', '{"symbol":', /^body is not JSON/],
    ['an unknown symbol', body('DOGE/BTC', T0), /^symbol: DOGE\/BTC 5m is not a series this bot trades$/],
    ['an unknown timeframe', body('LTC/BTC', T0, '7m'), /^timeframe: /],
    ['a negative price', JSON.stringify({ symbol: 'LTC/BTC', timeframe: '5m', candle: { ...candle(T0), low: -1 } }), /^candle\.low: /],
    ['a missing candle', JSON.stringify({ symbol: 'LTC/BTC', timeframe: '5m' }), /^candle: /],
  ])('refuses %s, naming the field', async (_case, messageBody, reason) => {
    const { deps, decided, lines } = harness();
    const result = await decideBatch(event(sqsRecord('9', 'LTC/BTC', messageBody)), deps);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '9' }]);
    expect(decided).toEqual([]);
    expect(String(lines.find((l) => l.level === 'error')?.reason)).toMatch(reason);
  });

  it('reports a decision that failed, and every later message of its group, for redelivery', async () => {
    const { deps, decided } = harness((symbol, openTime) => symbol === 'ETH/BTC' && openTime === T0);
    const result = await decideBatch(
      event(sqsRecord('1', 'ETH/BTC', body('ETH/BTC', T0)), sqsRecord('2', 'LTC/BTC', body('LTC/BTC', T0)), sqsRecord('3', 'ETH/BTC', body('ETH/BTC', T0 + 300_000))),
      deps,
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '1' }, { itemIdentifier: '3' }] });
    expect(decided).toEqual([`LTC/BTC@${T0}`]);
  });
});

describe('Function: createLogger', () => {
  it('never writes an API key or secret, wherever it sits in the fields', () => {
    const { lines } = (() => {
      const out: Record<string, unknown>[] = [];
      const destination = new Writable({
        write(chunk: Buffer, _e, done) {
          out.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
          done();
        },
      });
      const logger = createLogger({ service: 't', destination });
      logger.info({ apiKey: 'AKFAKEKEY123', exchange: { secret: 'S3CR3TFAKE', id: 'binance' }, request: { headers: { 'x-mbx-apikey': 'AKFAKEKEY123' } } }, 'connecting');
      return { lines: out };
    })();
    const text = JSON.stringify(lines);
    expect(text).not.toContain('AKFAKEKEY123');
    expect(text).not.toContain('S3CR3TFAKE');
    expect(lines[0]).toMatchObject({ level: 'info', service: 't', msg: 'connecting', apiKey: '[redacted]', exchange: { secret: '[redacted]', id: 'binance' } });
  });

  it.each([
    ['off the 5m grid (a minute late)', T0 + 60_000, 'is not on the 5m grid'],
    ['still forming (it opened now)', NOW, 'after now'],
    ['in the future', NOW + 300_000, 'after now'],
  ])('refuses a candle %s: not decided, logged with the reason, counted, its group held back', async (_what, openTime, reason) => {
    const { deps, lines, decided, counts } = harness();

    const result = await decideBatch(event(sqsRecord('1', 'LTC/BTC', body('LTC/BTC', openTime)), sqsRecord('2', 'LTC/BTC', body('LTC/BTC', T0)), sqsRecord('3', 'ETH/BTC', body('ETH/BTC', T0))), deps);

    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '1' }, { itemIdentifier: '2' }] });
    expect(decided).toEqual([`ETH/BTC@${T0}`]);
    const refusals = lines.filter((line) => line.msg === 'candle refused: not decided, no order');
    expect(refusals).toEqual([expect.objectContaining({ symbol: 'LTC/BTC', openTime, reason: expect.stringContaining(reason) as unknown })]);
    expect(String(refusals[0]?.reason)).toMatch(/^candle\.openTime: /);
    expect(counts['DecisionFailures']).toBe(1);
  });

  it('decides a candle that closed exactly now', async () => {
    const { deps, decided } = harness();

    await decideBatch(event(sqsRecord('1', 'LTC/BTC', body('LTC/BTC', NOW - 300_000))), deps);

    expect(decided).toEqual([`LTC/BTC@${NOW - 300_000}`]);
  });
});
