import { SendMessageBatchCommand, SQSClient, type BatchResultErrorEntry, type SendMessageBatchCommandInput } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SqsDecisionQueue } from '../../../../lib/adapters/sqs/SqsDecisionQueue.js';
import type { DecisionMessage } from '../../../../lib/domain/decisionMessage.js';

const queueUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/decisions.fifo';
const sqsMock = mockClient(SQSClient);

const SYMBOLS = ['LTC/BTC', 'ETH/BTC', 'XRP/BTC'] as const;

function aMessage(index: number): DecisionMessage {
  return {
    symbol: SYMBOLS[index % SYMBOLS.length] ?? 'LTC/BTC',
    timeframe: '5m',
    candle: { openTime: 1_515_560_100_000 + index * 300_000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 },
  };
}

const messages = (count: number): DecisionMessage[] => Array.from({ length: count }, (_, index) => aMessage(index));

function expectedEntry(index: number) {
  const message = aMessage(index);
  return {
    Id: `m${index}`,
    MessageBody: JSON.stringify(message),
    MessageGroupId: message.symbol,
    MessageDeduplicationId: `${message.symbol}:5m:${1_515_560_100_000 + index * 300_000}`,
  };
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

/** Answers every entry as sent, except those `failures` lists by Id. */
function answer(failures: Record<string, Omit<BatchResultErrorEntry, 'Id'>> = {}) {
  return (input: SendMessageBatchCommandInput) => ({
    Successful: (input.Entries ?? [])
      .filter((entry) => entry.Id !== undefined && !(entry.Id in failures))
      .map((entry) => ({ Id: entry.Id, MessageId: `sqs-${entry.Id}`, MD5OfMessageBody: 'md5' })),
    Failed: (input.Entries ?? []).flatMap((entry) => {
      const failure = entry.Id === undefined ? undefined : failures[entry.Id];
      return failure ? [{ Id: entry.Id, ...failure }] : [];
    }),
  });
}

const throttled = { Code: 'InternalError', Message: 'try again', SenderFault: false };

function setup(overrides: { maxRetries?: number; baseDelayMs?: number; maxDelayMs?: number } = {}) {
  const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const sleep = vi.fn((_ms: number) => Promise.resolve());
  const queue = new SqsDecisionQueue({ client: new SQSClient({ region: 'eu-west-1' }), queueUrl, logger, sleep, ...overrides });
  return { queue, logger, sleep };
}

const sentInputs = () => sqsMock.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input);

describe('Class: SqsDecisionQueue', () => {
  beforeEach(() => {
    sqsMock.reset();
  });

  describe('Method: constructor', () => {
    it('refuses a queue that is not FIFO', () => {
      const client = new SQSClient({ region: 'eu-west-1' });
      expect(() => new SqsDecisionQueue({ client, queueUrl: queueUrl.replace('.fifo', ''), logger: setup().logger })).toThrow(
        'queueUrl: https://sqs.eu-west-1.amazonaws.com/123456789012/decisions is not a FIFO queue',
      );
    });
  });

  describe('Method: publish', () => {
    it('sends 23 messages as batches of 10, 10 and 3, grouped by symbol and deduplicated by candle', async () => {
      sqsMock.on(SendMessageBatchCommand).callsFake(answer());
      const { queue, sleep } = setup();

      const report = await queue.publish(messages(23));

      expect(report).toEqual({ published: 23, failed: [] });
      expect(sentInputs()).toEqual([
        { QueueUrl: queueUrl, Entries: range(0, 10).map(expectedEntry) },
        { QueueUrl: queueUrl, Entries: range(10, 20).map(expectedEntry) },
        { QueueUrl: queueUrl, Entries: range(20, 23).map(expectedEntry) },
      ]);
      expect(sentInputs()[2]?.Entries?.[0]).toEqual({
        Id: 'm20',
        MessageBody:
          '{"symbol":"XRP/BTC","timeframe":"5m","candle":{"openTime":1515566100000,"open":1,"high":2,"low":0.5,"close":1.5,"volume":10}}',
        MessageGroupId: 'XRP/BTC',
        MessageDeduplicationId: 'XRP/BTC:5m:1515566100000',
      });
      expect(sleep).not.toHaveBeenCalled();
    });

    it('sends nothing when there is nothing to publish', async () => {
      const { queue } = setup();
      expect(await queue.publish([])).toEqual({ published: 0, failed: [] });
      expect(sentInputs()).toEqual([]);
    });

    it('resends exactly the entries that failed, after a backoff', async () => {
      sqsMock
        .on(SendMessageBatchCommand)
        .callsFakeOnce(answer({ m1: throttled, m3: throttled }))
        .callsFake(answer());
      const { queue, sleep, logger } = setup();

      const report = await queue.publish(messages(5));

      expect(report).toEqual({ published: 5, failed: [] });
      expect(sentInputs()).toEqual([
        { QueueUrl: queueUrl, Entries: range(0, 5).map(expectedEntry) },
        { QueueUrl: queueUrl, Entries: [expectedEntry(1), expectedEntry(3)] },
      ]);
      expect(sleep.mock.calls).toEqual([[200]]);
      expect(logger.error).not.toHaveBeenCalled();
    });

    it('reports an entry that still fails after the retry limit, with its reason', async () => {
      sqsMock.on(SendMessageBatchCommand).callsFake(answer({ m1: { Code: 'ServiceUnavailable', Message: 'busy', SenderFault: false } }));
      const { queue, sleep, logger } = setup({ maxRetries: 2 });

      const report = await queue.publish(messages(3));

      expect(report).toEqual({ published: 2, failed: [{ message: aMessage(1), reason: 'ServiceUnavailable: busy' }] });
      expect(sentInputs()).toEqual([
        { QueueUrl: queueUrl, Entries: range(0, 3).map(expectedEntry) },
        { QueueUrl: queueUrl, Entries: [expectedEntry(1)] },
        { QueueUrl: queueUrl, Entries: [expectedEntry(1)] },
      ]);
      expect(sleep.mock.calls).toEqual([[200], [400]]);
      expect(logger.error.mock.calls).toEqual([
        [
          {
            queueUrl,
            symbol: 'ETH/BTC',
            timeframe: '5m',
            openTime: 1_515_560_400_000,
            deduplicationId: 'ETH/BTC:5m:1515560400000',
            reason: 'ServiceUnavailable: busy',
            attempts: 3,
          },
          'decision message not published',
        ],
      ]);
    });

    it('doubles the backoff up to its ceiling', async () => {
      sqsMock.on(SendMessageBatchCommand).callsFake(answer({ m0: throttled }));
      const { queue, sleep } = setup({ maxRetries: 4, baseDelayMs: 100, maxDelayMs: 250 });

      await queue.publish(messages(1));

      expect(sleep.mock.calls).toEqual([[100], [200], [250], [250]]);
    });

    it('does not resend an entry SQS rejects as a sender fault', async () => {
      const invalid = { Code: 'InvalidParameterValue', Message: 'bad group id', SenderFault: true };
      sqsMock.on(SendMessageBatchCommand).callsFake(answer({ m0: invalid }));
      const { queue, sleep, logger } = setup();

      const report = await queue.publish(messages(2));

      expect(report).toEqual({ published: 1, failed: [{ message: aMessage(0), reason: 'InvalidParameterValue: bad group id' }] });
      expect(sentInputs()).toHaveLength(1);
      expect(sleep).not.toHaveBeenCalled();
      expect(logger.error).toHaveBeenCalledTimes(1);
    });

    it('resends an entry the response does not mention', async () => {
      sqsMock
        .on(SendMessageBatchCommand)
        .resolvesOnce({ Successful: [{ Id: 'm0', MessageId: 'sqs-m0', MD5OfMessageBody: 'md5' }], Failed: [] })
        .callsFake(answer());
      const { queue } = setup();

      expect(await queue.publish(messages(2))).toEqual({ published: 2, failed: [] });
      expect(sentInputs()[1]).toEqual({ QueueUrl: queueUrl, Entries: [expectedEntry(1)] });
    });

    it('reports a batch whose request threw, and still sends the other batches', async () => {
      const timeout = Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
      sqsMock.on(SendMessageBatchCommand).callsFakeOnce(answer()).rejectsOnce(timeout).callsFake(answer());
      const { queue, logger } = setup();

      const report = await queue.publish(messages(23));

      expect(report).toEqual({
        published: 13,
        failed: range(10, 20).map((index) => ({ message: aMessage(index), reason: 'SendMessageBatch failed: TimeoutError: socket hang up' })),
      });
      expect(sentInputs()).toEqual([
        { QueueUrl: queueUrl, Entries: range(0, 10).map(expectedEntry) },
        { QueueUrl: queueUrl, Entries: range(10, 20).map(expectedEntry) },
        { QueueUrl: queueUrl, Entries: range(20, 23).map(expectedEntry) },
      ]);
      expect(logger.error).toHaveBeenCalledTimes(10);
    });
  });
});
