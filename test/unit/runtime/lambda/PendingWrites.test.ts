import middy from '@middy/core';
import { describe, expect, it } from 'vitest';
import { PendingWrites } from '../../../../lib/runtime/lambda/PendingWrites.js';

/** A write that settles only when the test says so. */
function gatedWrite(): { write: Promise<void>; finish: () => void; fail: (error: Error) => void } {
  let finish: () => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const write = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { write, finish, fail };
}

describe('Class: PendingWrites', () => {
  it('ends an invocation only after the write its handler started and did not await', async () => {
    const pending = new PendingWrites();
    const gate = gatedWrite();
    const steps: string[] = [];
    const handler = middy<unknown, string>()
      .use(pending.middleware())
      .handler(() => {
        pending.track(gate.write.then(() => void steps.push('hold written')));
        steps.push('handler returned');
        return Promise.resolve('done');
      });

    const invocation = handler({}, {} as never).then((result) => steps.push(`invocation ended: ${result}`));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(steps).toEqual(['handler returned']);
    gate.finish();
    await invocation;
    expect(steps).toEqual(['handler returned', 'hold written', 'invocation ended: done']);
  });

  it('waits when the handler throws, and the handler error is what the invocation ends with', async () => {
    const pending = new PendingWrites();
    const gate = gatedWrite();
    let written = false;
    const failure = new Error('the venue banned our IP');
    const handler = middy<unknown, string>()
      .use(pending.middleware())
      .handler(() => {
        pending.track(gate.write.then(() => (written = true)));
        return Promise.reject(failure);
      });

    const invocation = handler({}, {} as never).catch((error: unknown) => ({ error, written }));
    setTimeout(() => gate.finish(), 10);
    expect(await invocation).toEqual({ error: failure, written: true });
  });

  it('does not fail the invocation for a write that failed (its own catch logs it), and forgets settled writes', async () => {
    const pending = new PendingWrites();
    const gate = gatedWrite();
    pending.track(gate.write);
    gate.fail(new Error('throttled'));
    await expect(pending.settled()).resolves.toBeUndefined();
    // Nothing left: a later wait returns at once.
    let waited = false;
    await pending.settled().then(() => (waited = true));
    expect(waited).toBe(true);
  });

  it('also waits for a write tracked while it waits', async () => {
    const pending = new PendingWrites();
    const first = gatedWrite();
    const second = gatedWrite();
    const order: string[] = [];
    pending.track(
      first.write.then(() => {
        order.push('first');
        pending.track(second.write.then(() => void order.push('second')));
      }),
    );
    const waiting = pending.settled().then(() => order.push('settled'));
    first.finish();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(order).toEqual(['first']);
    second.finish();
    await waiting;
    expect(order).toEqual(['first', 'second', 'settled']);
  });
});
