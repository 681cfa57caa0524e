import { createHash } from 'node:crypto';
import { SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { SqsDecisionQueue } from '../../../../lib/adapters/sqs/SqsDecisionQueue.js';
import { decisionDeduplicationId, type DecisionMessage } from '../../../../lib/domain/decisionMessage.js';
import { silentLogger } from '../../../../lib/ports/Logger.js';
import { localSqsClient } from '../../../../lib/local/aws/localSqsClient.js';
import { InProcessFifoQueue } from '../../../../lib/local/queue/InProcessFifoQueue.js';

const QUEUE_URL = 'http://local/000000000000/bot1-decisions.fifo';
const OPEN = 1_515_560_100_000;

const message = (symbol: string, openTime: number): DecisionMessage => ({
  symbol,
  timeframe: '5m',
  candle: { openTime, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 },
});

function setup() {
  let now = OPEN + 300_000;
  const queue = new InProcessFifoQueue({ clock: { now: () => now }, visibilityTimeoutMs: 60_000, maxReceiveCount: 3 });
  const client = localSqsClient(queue, QUEUE_URL);
  return { queue, client, advance: (ms: number) => (now += ms) };
}

describe('Function: localSqsClient', () => {
  it('lands what SqsDecisionQueue publishes in the queue, one group per symbol, with its deduplication ids', async () => {
    const { queue, client } = setup();
    const messages = [message('LTC/BTC', OPEN), message('ETH/BTC', OPEN), message('LTC/BTC', OPEN + 300_000)];

    const report = await new SqsDecisionQueue({ client, queueUrl: QUEUE_URL, logger: silentLogger }).publish(messages);

    expect(report).toEqual({ published: 3, failed: [] });
    expect(queue.receive(10).map(({ groupId, deduplicationId, body }) => ({ groupId, deduplicationId, body }))).toEqual([
      { groupId: 'LTC/BTC', deduplicationId: 'LTC/BTC:5m:1515560100000', body: JSON.stringify(messages[0]) },
      { groupId: 'ETH/BTC', deduplicationId: 'ETH/BTC:5m:1515560100000', body: JSON.stringify(messages[1]) },
      { groupId: 'LTC/BTC', deduplicationId: 'LTC/BTC:5m:1515560400000', body: JSON.stringify(messages[2]) },
    ]);
  });

  it('reports a duplicate within five minutes sent, as SQS does, while the queue drops it', async () => {
    const { queue, client, advance } = setup();
    const decisions = new SqsDecisionQueue({ client, queueUrl: QUEUE_URL, logger: silentLogger });
    await decisions.publish([message('LTC/BTC', OPEN)]);
    advance(4 * 60_000);

    expect(await decisions.publish([message('LTC/BTC', OPEN)])).toEqual({ published: 1, failed: [] });
    expect(queue.depth).toBe(1);
  });

  it('answers with SQS\'s response shape, the MD5 of each body included', async () => {
    const { client } = setup();
    const body = JSON.stringify(message('LTC/BTC', OPEN));

    const response = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: QUEUE_URL,
        Entries: [
          { Id: 'm0', MessageBody: body, MessageGroupId: 'LTC/BTC', MessageDeduplicationId: decisionDeduplicationId(message('LTC/BTC', OPEN)) },
          { Id: 'm1', MessageBody: body, MessageDeduplicationId: 'no-group' },
        ],
      }),
    );

    expect(response.Successful).toEqual([{ Id: 'm0', MessageId: expect.any(String) as string, MD5OfMessageBody: createHash('md5').update(body).digest('hex') }]);
    expect(response.Failed).toEqual([{ Id: 'm1', SenderFault: true, Code: 'MissingParameter', Message: 'The request must contain the parameter MessageGroupId.' }]);
  });

  it('reports an entry without a group id as not published, and does not resend it', async () => {
    const { queue } = setup();
    // The adapter always sets a group id: this strips the second entry's before the queue answers.
    const noGroup = localSqsClient(queue, QUEUE_URL);
    noGroup.middlewareStack.add(
      (next) => (args) => {
        const input = args.input as { Entries: { MessageGroupId?: string }[] };
        delete input.Entries[1]!.MessageGroupId;
        return next(args);
      },
      { step: 'initialize', name: 'dropGroupId', priority: 'high' },
    );
    const first = message('LTC/BTC', OPEN);
    const second = message('ETH/BTC', OPEN);

    const report = await new SqsDecisionQueue({ client: noGroup, queueUrl: QUEUE_URL, logger: silentLogger, sleep: () => Promise.resolve() }).publish([first, second]);

    expect(report).toEqual({ published: 1, failed: [{ message: second, reason: 'MissingParameter: The request must contain the parameter MessageGroupId.' }] });
    expect(queue.receive(10).map((received) => received.groupId)).toEqual(['LTC/BTC']);
  });

  it('answers SendMessage too, and refuses a queue URL that is not the local queue, naming it', async () => {
    const { queue, client } = setup();

    expect(await client.send(new SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: 'b', MessageGroupId: 'g', MessageDeduplicationId: 'd' }))).toMatchObject({
      MD5OfMessageBody: createHash('md5').update('b').digest('hex'),
    });
    await expect(client.send(new SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: 'b', MessageDeduplicationId: 'e' }))).rejects.toMatchObject({ name: 'MissingParameter' });
    await expect(client.send(new SendMessageCommand({ QueueUrl: 'http://local/000000000000/other.fifo', MessageBody: 'b', MessageGroupId: 'g', MessageDeduplicationId: 'f' }))).rejects.toThrow(
      'no local queue at http://local/000000000000/other.fifo',
    );
    expect(queue.receive(10).map((received) => received.body)).toEqual(['b']);
  });
});
