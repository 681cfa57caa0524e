
/** Step Functions allows 1-80 characters of letters, digits, `-` and `_` in a name we choose. */
function executionName(...parts: readonly string[]): string {
  return parts.join('-').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
}

/**
 * One name per bot and drift window (`<bot>-drift-<UTC window start, yyyymmddhhmm>`): the
 * heartbeats of one window that find drift start one reconciliation between them; drift
 * still there in the next window starts another.
 */
export function driftExecutionName(botId: string, now: number, windowMs: number): string {
  const start = new Date(Math.floor(now / windowMs) * windowMs).toISOString();
  return executionName(botId, 'drift', start.slice(0, 16).replace(/[-:T]/g, ''));
}

/** One name per kill-switch change event: EventBridge's retries of the event start one execution. */
export function killSwitchExecutionName(botId: string, eventId: string): string {
  return executionName(botId, 'run', eventId);
}

/**
 * One name per deployment (`<bot>-deploy-<fingerprint>-v<trigger version>`), the fingerprint
 * covering every function's code and the configuration: a deploy that changes either
 * publishes a new trigger version and starts one reconciliation however often CloudFormation
 * runs the trigger; one that changes neither starts none.
 */
export function deployExecutionName(botId: string, fingerprint: string, functionVersion: string): string {
  return executionName(botId, 'deploy', fingerprint, `v${functionVersion}`);
}

/** One name per Telegram update (`<bot>-telegram-<update id>`): a replayed `/reconcile` starts nothing new. */
export function commandExecutionName(botId: string, updateId: number): string {
  return executionName(botId, 'telegram', String(updateId));
}
