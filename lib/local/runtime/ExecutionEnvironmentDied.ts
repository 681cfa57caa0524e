/**
 * A function's execution environment died mid-invocation (killed, out of memory, timed out):
 * nothing after the point of death ran, the invocation failed, and the next invocation starts
 * cold, with none of the dead environment's caches.
 */
export class ExecutionEnvironmentDied extends Error {
  override readonly name = 'ExecutionEnvironmentDied';

  constructor(
    readonly fn: string,
    readonly where: string,
  ) {
    super(`${fn} died ${where}`);
  }
}
