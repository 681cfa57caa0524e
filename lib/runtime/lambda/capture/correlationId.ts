import { randomUUID } from 'node:crypto';

/**
 * The id that ties a run's log lines together: the scheduler's event id when the event
 * carries one (EventBridge Scheduler's default payload does), else Lambda's request id,
 * else a fresh one.
 */
export function correlationId(event: unknown, requestId: string | undefined): string {
  const id = typeof event === 'object' && event !== null ? (event as { id?: unknown }).id : undefined;
  if (typeof id === 'string' && id.length > 0) return id;
  return requestId || randomUUID();
}
