import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddyfiedHandler } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { LambdaRuntime } from '../LambdaRuntime.js';
import { countFailedInvocations } from '../countFailedInvocations.js';
import { createHeartbeatDeps } from './HeartbeatDeps.js';
import { classifyHeartbeatEvent } from './heartbeatEvent.js';
import { type KillSwitchChangeSummary, onKillSwitchChange } from './onKillSwitchChange.js';
import { type HeartbeatSummary, runHeartbeat } from './runHeartbeat.js';

export type HeartbeatResult = HeartbeatSummary | KillSwitchChangeSummary | { readonly kind: 'ignored'; readonly reason: string };
export type HeartbeatHandler = MiddyfiedHandler<unknown, HeartbeatResult>;

/**
 * The heartbeat function: its schedule runs `runHeartbeat`; a kill-switch change event runs
 * `onKillSwitchChange` at once; any other event is logged and ignored. Every log line of an
 * invocation carries the event's id. Metrics are flushed by Powertools' middleware.
 */
export function createHeartbeatHandler(runtime: LambdaRuntime): HeartbeatHandler {
  const deps = createHeartbeatDeps(runtime);
  const heartbeat = async (event: unknown, context: Context): Promise<HeartbeatResult> => {
    const classified = classifyHeartbeatEvent(event);
    const logger = runtime.logger.child({ correlationId: classified.kind === 'unknown' ? context.awsRequestId : classified.id, event: classified.kind });
    if (classified.kind === 'scheduled') return runHeartbeat(deps, logger);
    if (classified.kind === 'killSwitchChanged') return onKillSwitchChange(classified, deps, logger);
    logger.warn({ description: classified.description }, 'not a heartbeat event: ignored');
    return { kind: 'ignored', reason: `unknown event (${classified.description})` };
  };
  return middy<unknown, HeartbeatResult>()
    .use(logMetrics(runtime.powertoolsMetrics))
    .use(countFailedInvocations(runtime.metrics, runtime.logger, { functionName: 'heartbeat' }))
    .use(runtime.pendingWrites.middleware())
    .handler(heartbeat);
}
