import type middy from '@middy/core';

/**
 * Writes started off a call's path (the shared venue hold, recorded while the call that met
 * the ban fails at once) that the invocation must still finish: Lambda freezes the execution
 * environment when the handler returns, and a write left in flight then may never be sent.
 * The handler's `middleware()` waits for them before the invocation ends, however it ends.
 */
export class PendingWrites {
  private readonly pending = new Set<Promise<unknown>>();

  /** Keeps `write` until it settles; its failure is the caller's to handle (this only waits). */
  track(write: Promise<unknown>): void {
    const kept = write.finally(() => this.pending.delete(kept)).catch(() => undefined);
    this.pending.add(kept);
  }

  /** Resolves once every tracked write (and any tracked while waiting) has settled. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }

  /** A middy middleware that waits for the writes after the handler returns or throws. */
  middleware<Event, Result>(): middy.MiddlewareObj<Event, Result> {
    const wait = (): Promise<void> => this.settled();
    return { after: wait, onError: wait };
  }
}
