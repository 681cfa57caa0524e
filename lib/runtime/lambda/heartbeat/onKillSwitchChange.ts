import type { KillSwitchState } from '../../../domain/killSwitch.js';
import type { Logger } from '../../../ports/Logger.js';
import type { FlattenReport } from './flattenPlans.js';
import type { HeartbeatDeps } from './HeartbeatDeps.js';
import { type HeartbeatEvent, isSameParameter } from './heartbeatEvent.js';
import { runFlatten } from './runFlatten.js';
import type { ReconciliationStart } from '../../../ports/ReconciliationStarter.js';
import { killSwitchExecutionName } from '../reconcile/executionNames.js';

type ChangeEvent = Extract<HeartbeatEvent, { kind: 'killSwitchChanged' }>;

export type KillSwitchChangeSummary =
  | { readonly kind: 'ignored'; readonly reason: string }
  | { readonly kind: 'flatten'; readonly report: FlattenReport }
  | { readonly kind: 'reconcile'; readonly start: ReconciliationStart | { readonly kind: 'skipped'; readonly reason: string } }
  | { readonly kind: 'recorded'; readonly state: KillSwitchState };

/**
 * A change of the kill-switch parameter, acted on at once. The value is read again from
 * SSM (the event carries none, and an event is not trusted for it), uncached:
 * - FLATTEN: cancel open orders and close positions now (`runFlatten`);
 * - RUN: start reconciliation, named after the event so EventBridge's retries start one,
 *   unless one holds the bot already (RECONCILING): a second would fail its lock and halt;
 * - HALT, PAUSE_ENTRIES: recorded only; decide reads the switch before every order.
 * Every change is recorded as a `killSwitch` action (FLATTEN as `flatten`).
 */
export async function onKillSwitchChange(event: ChangeEvent, deps: HeartbeatDeps, logger: Logger): Promise<KillSwitchChangeSummary> {
  if (!isSameParameter(event.parameterName, deps.killSwitchParameter)) {
    logger.warn({ parameterName: event.parameterName }, 'a change of another parameter: ignored');
    return { kind: 'ignored', reason: `parameter ${event.parameterName} is not the kill switch` };
  }
  const state = await deps.freshKillSwitch.read();
  const trigger = { trigger: 'killSwitchChanged', eventId: event.id, eventTime: event.time, state };
  logger.warn(trigger, `kill switch changed to ${state}`);
  const now = deps.clock.now();

  if (state === 'FLATTEN') return { kind: 'flatten', report: await runFlatten(deps, trigger, logger) };
  if (state !== 'RUN') {
    await deps.telemetry.recordAction(now, 'killSwitch', { ...trigger, note: 'recorded; decide reads the switch before every order' });
    return { kind: 'recorded', state };
  }
  const bot = await deps.botState();
  const start =
    bot.status === 'RECONCILING'
      ? { kind: 'skipped' as const, reason: 'a reconciliation holds the bot already' }
      : await deps.reconcile(killSwitchExecutionName(deps.config.botId, event.id), { reason: 'kill switch back to RUN', resumeHalted: true, eventId: event.id, eventTime: event.time }, logger);
  await deps.telemetry.recordAction(now, 'killSwitch', { ...trigger, botStatus: bot.status, reconciliation: start });
  return { kind: 'reconcile', start };
}
