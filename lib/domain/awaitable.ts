/**
 * A value a port may give at once (memory, a cache hit) or later (DynamoDB, an exchange).
 * The decision cycle awaits only what is really pending, so a backtest over memory
 * adapters decides a quiet candle without touching the event loop.
 */
export type Awaitable<T> = T | Promise<T>;

export function isPending<T>(value: Awaitable<T>): value is Promise<T> {
  return value instanceof Promise;
}

/** `then` that stays synchronous for a value that is already there. */
export function andThen<T, R>(value: Awaitable<T>, next: (resolved: T) => Awaitable<R>): Awaitable<R> {
  return isPending(value) ? value.then(next) : next(value);
}
