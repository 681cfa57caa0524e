import { describe, expect, it } from 'vitest';
import { InProcessFifoQueue } from '../../../../lib/local/queue/InProcessFifoQueue.js';
import type { QueueFaults } from '../../../../lib/local/queue/QueueFaults.js';

const VISIBILITY_MS = 60_000;

/** Faults from scripted answers, one per call, then none; every call's group recorded. */
function scriptedFaults(script: { delays?: number[]; lostDeletes?: boolean[]; repeats?: boolean[] }) {
  const calls: string[] = [];
  const delays = [...(script.delays ?? [])];
  const lostDeletes = [...(script.lostDeletes ?? [])];
  const repeats = [...(script.repeats ?? [])];
  const faults: QueueFaults = {
    delayOnSend: (group) => (calls.push(`delayOnSend ${group}`), delays.shift() ?? 0),
    loseDelete: (group) => (calls.push(`loseDelete ${group}`), lostDeletes.shift() ?? false),
    deliverAgain: (group) => (calls.push(`deliverAgain ${group}`), repeats.shift() ?? false),
  };
  return { faults, calls };
}

function aQueue(faults: QueueFaults) {
  let now = 1_000_000;
  const queue = new InProcessFifoQueue({ clock: { now: () => now }, visibilityTimeoutMs: VISIBILITY_MS, maxReceiveCount: 5, faults });
  return { queue, advance: (ms: number) => (now += ms) };
}

const bodies = (messages: readonly { body: string }[]) => messages.map((message) => message.body);

describe('InProcessFifoQueue faults: a late message', () => {
  it('is not received before its delay, and holds back the later messages of its group only', () => {
    const { faults, calls } = scriptedFaults({ delays: [30_000] });
    const { queue, advance } = aQueue(faults);
    queue.send('BTC', 'b1', 'b1');
    queue.send('BTC', 'b2', 'b2');
    queue.send('ETH', 'e1', 'e1');
    expect(calls).toEqual(['delayOnSend BTC', 'delayOnSend BTC', 'delayOnSend ETH']);

    const [other] = queue.receive(10);
    expect(bodies([other!])).toEqual(['e1']);
    queue.delete(other!.receiptHandle);
    queue.send('ETH', 'e2', 'e2');
    advance(29_999);
    expect(bodies(queue.receive(10))).toEqual(['e2']);

    advance(1);
    const late = queue.receive(10);
    expect(bodies(late)).toEqual(['b1', 'b2']);
    expect(late[0]).toMatchObject({ receiveCount: 1, firstReceivedAt: 1_030_000, sentAt: 1_000_000 });
  });

  it('does not delay a message sent with no delay', () => {
    const { faults } = scriptedFaults({ delays: [0] });
    const { queue } = aQueue(faults);
    queue.send('BTC', 'b1', 'b1');
    expect(bodies(queue.receive(1))).toEqual(['b1']);
    expect(queue.nextVisibleAt()).toBe(1_000_000 + VISIBILITY_MS);
  });
});

describe('InProcessFifoQueue faults: a lost delete', () => {
  it('reports the delete done but leaves the message to come back after the visibility timeout', () => {
    const { faults, calls } = scriptedFaults({ lostDeletes: [true] });
    const { queue, advance } = aQueue(faults);
    queue.send('BTC', 'b1', 'b1');
    const [first] = queue.receive(1);

    expect(queue.delete(first!.receiptHandle)).toBe(true);
    expect(calls).toContain('loseDelete BTC');
    expect(queue.depth).toBe(1);
    advance(VISIBILITY_MS - 1);
    expect(queue.receive(1)).toEqual([]);
    advance(1);
    const [again] = queue.receive(1);
    expect(again).toMatchObject({ messageId: first!.messageId, body: 'b1', receiveCount: 2 });

    expect(queue.delete(again!.receiptHandle)).toBe(true);
    expect(queue.depth).toBe(0);
  });
});

describe('InProcessFifoQueue faults: a repeated delivery', () => {
  it('delivers a copy once more after the original is deleted, even within the deduplication window', () => {
    const { faults, calls } = scriptedFaults({ repeats: [true] });
    const { queue, advance } = aQueue(faults);
    queue.send('BTC', 'b1', 'the candle');
    const [original] = queue.receive(1);
    expect(queue.delete(original!.receiptHandle)).toBe(true);
    expect(calls).toEqual(['delayOnSend BTC', 'loseDelete BTC', 'deliverAgain BTC']);
    expect(queue.depth).toBe(1);

    advance(1_000);
    // A send of the same deduplication id is still dropped: the copy is not a send.
    expect(queue.send('BTC', 'b1', 'the candle')).toBe(false);
    const [copy] = queue.receive(1);
    expect(copy).toMatchObject({ body: 'the candle', deduplicationId: 'b1', groupId: 'BTC', receiveCount: 1 });
    expect(copy!.messageId).not.toBe(original!.messageId);

    expect(queue.delete(copy!.receiptHandle)).toBe(true);
    expect(queue.depth).toBe(0);
    advance(VISIBILITY_MS);
    expect(queue.receive(1)).toEqual([]);
  });

  it('comes after the messages already waiting in its group', () => {
    const { faults } = scriptedFaults({ repeats: [true] });
    const { queue } = aQueue(faults);
    queue.send('BTC', 'b1', 'b1');
    queue.send('BTC', 'b2', 'b2');
    const [first] = queue.receive(1);
    queue.delete(first!.receiptHandle);
    expect(bodies(queue.receive(10))).toEqual(['b2', 'b1']);
  });
});
