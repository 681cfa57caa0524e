import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { InProcessFifoQueue } from '../../../../lib/local/queue/InProcessFifoQueue.js';
import { deliverBatch } from '../../../../lib/local/queue/deliverBatch.js';

const ARN = 'arn:aws:sqs:local:000000000000:bot-decisions.fifo';

function aQueue(maxReceiveCount = 3) {
  let now = 1_000_000;
  const queue = new InProcessFifoQueue({ clock: { now: () => now }, visibilityTimeoutMs: 60_000, maxReceiveCount });
  return { queue, advance: (ms: number) => (now += ms) };
}

describe('Class: InProcessFifoQueue', () => {
  it('keeps each group in order and gives nothing of a group while one of its messages is in flight', () => {
    const { queue } = aQueue();
    for (const [group, id] of [['BTC', 'b1'], ['ETH', 'e1'], ['BTC', 'b2'], ['ETH', 'e2'], ['BTC', 'b3']]) queue.send(group!, id!, id!);

    const first = queue.receive(2);
    expect(first.map((m) => m.body)).toEqual(['b1', 'e1']);
    // Both groups are in flight: nothing more until they are deleted.
    expect(queue.receive(10)).toEqual([]);
    queue.delete(first[0]!.receiptHandle);
    expect(queue.receive(10).map((m) => m.body)).toEqual(['b2', 'b3']);
  });

  it('delivers a message again once its visibility timeout passes, one receive higher, and only the newest receipt deletes it', () => {
    const { queue, advance } = aQueue();
    queue.send('BTC', 'b1', 'b1');
    const [first] = queue.receive(1);
    advance(59_999);
    expect(queue.receive(1)).toEqual([]);
    advance(1);
    const [again] = queue.receive(1);
    expect(again).toMatchObject({ body: 'b1', receiveCount: 2, messageId: first!.messageId });
    expect(queue.delete(first!.receiptHandle)).toBe(false);
    expect(queue.delete(again!.receiptHandle)).toBe(true);
    expect(queue.depth).toBe(0);
  });

  it('moves a message to the dead letters after the receive limit, and the group goes on with the next', () => {
    const { queue, advance } = aQueue(2);
    queue.send('BTC', 'b1', 'poison');
    queue.send('BTC', 'b2', 'b2');
    for (let i = 0; i < 2; i++) {
      expect(queue.receive(1).map((m) => m.body)).toEqual(['poison']);
      advance(60_000);
    }
    expect(queue.receive(1).map((m) => m.body)).toEqual(['b2']);
    expect(queue.deadLettered.map((m) => m.body)).toEqual(['poison']);
  });

  it('drops a deduplication id seen within five minutes, and takes it again after', () => {
    const { queue, advance } = aQueue();
    expect(queue.send('BTC', 'same', 'first')).toBe(true);
    expect(queue.send('BTC', 'same', 'second')).toBe(false);
    advance(5 * 60_000);
    expect(queue.send('BTC', 'same', 'third')).toBe(true);
    expect(queue.receive(10).map((m) => m.body)).toEqual(['first', 'third']);
  });
});

describe('Function: deliverBatch', () => {
  it('deletes only what the handler did not report failed; the failed come back after the timeout', async () => {
    const { queue, advance } = aQueue();
    queue.send('BTC', 'b1', 'ok');
    queue.send('ETH', 'e1', 'fails');
    queue.send('LTC', 'l1', 'ok too');
    const seen: SQSEvent[] = [];

    const outcome = await deliverBatch(
      queue,
      (event) => {
        seen.push(event);
        return Promise.resolve({ batchItemFailures: event.Records.filter((r) => r.body === 'fails').map((r) => ({ itemIdentifier: r.messageId })) });
      },
      10,
      ARN,
    );

    expect(outcome).toEqual({ received: 3, succeeded: 2, failed: 1 });
    expect(seen[0]!.Records.map((r) => [r.attributes.MessageGroupId, r.attributes.ApproximateReceiveCount, r.eventSourceARN])).toEqual([
      ['BTC', '1', ARN],
      ['ETH', '1', ARN],
      ['LTC', '1', ARN],
    ]);
    expect(queue.depth).toBe(1);
    advance(60_000);
    expect(queue.receive(10)).toEqual([expect.objectContaining({ body: 'fails', receiveCount: 2 })]);
  });

  it('keeps the whole batch when the handler throws', async () => {
    const { queue } = aQueue();
    queue.send('BTC', 'b1', 'b1');
    queue.send('ETH', 'e1', 'e1');

    const outcome = await deliverBatch(queue, () => Promise.reject(new Error('init failed')), 10, ARN);

    expect(outcome).toEqual({ received: 2, succeeded: 0, failed: 2, error: 'init failed' });
    expect(queue.depth).toBe(2);
  });
});
