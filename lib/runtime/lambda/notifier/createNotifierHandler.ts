import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { SNSClient } from '@aws-sdk/client-sns';
import middy, { type MiddyfiedHandler } from '@middy/core';
import type { Context } from 'aws-lambda';
import { deliverNotifications, type DeliveryResult, type DeliveryTiming } from '../../../services/notifications/deliverNotifications.js';
import { notificationsFromChanges } from '../../../services/notifications/notificationsFromChanges.js';
import { correlationId } from '../capture/correlationId.js';
import type { LambdaRuntime } from '../LambdaRuntime.js';
import { METRIC_NAMES } from '../metricNames.js';
import { NotificationSenders } from './NotificationSenders.js';
import { readNotifierEvent } from './notifierEvent.js';
import { readNotifierEnv } from './notifierEnv.js';

export interface NotifierSummary extends DeliveryResult {
  readonly notifications: number;
  readonly unreadable: number;
}

export interface NotifierOverrides {
  readonly sns?: SNSClient;
  readonly timing?: DeliveryTiming;
}

const realTiming: DeliveryTiming = { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), random: Math.random };

/**
 * The notifier: invoked by the telemetry and plans tables' change streams (filtered to what
 * it tells) and by the alarm topic. It never throws for a failed send: the failure is logged
 * and counted (NotificationFailures, which alarms), so a dead channel cannot hold the stream
 * and replay what was already sent elsewhere. A batch's risk rejections become one digest.
 */
export function createNotifierHandler(runtime: LambdaRuntime, variables: NodeJS.ProcessEnv = process.env, overrides: NotifierOverrides = {}): MiddyfiedHandler<unknown, NotifierSummary> {
  const { config, env } = runtime;
  const settings = config.notifications;
  const notifierEnv = readNotifierEnv(variables);
  const senders = new NotificationSenders(notifierEnv, { ssm: runtime.ssm, sns: () => overrides.sns ?? new SNSClient({ maxAttempts: 4 }) }, () => runtime.clock.now());
  const notify = async (event: unknown, context: Context): Promise<NotifierSummary> => {
    const logger = runtime.logger.child({ correlationId: correlationId(event, context.awsRequestId) });
    const input = readNotifierEvent(event, env.tableNames);
    if (input.unreadable > 0) logger.warn({ unreadable: input.unreadable }, 'notifier: records of no known shape, ignored');
    const notifications = [...notificationsFromChanges(input.changes), ...input.alarms];
    if (notifications.length === 0 || settings === undefined) return { notifications: notifications.length, unreadable: input.unreadable, sent: 0, failed: 0 };
    let result: DeliveryResult;
    try {
      result = await deliverNotifications(config.botId, notifications, settings, await senders.get(), overrides.timing ?? realTiming, logger);
    } catch (error) {
      const sends = notifications.reduce((total, n) => total + (settings.routes[n.kind]?.length ?? 0), 0);
      logger.error({ err: error, kinds: notifications.map((n) => n.kind) }, 'notifications not sent: the notification parameter could not be read');
      result = { sent: 0, failed: sends };
    }
    if (result.failed > 0) runtime.metrics.count(METRIC_NAMES.notificationFailures, result.failed);
    logger.info({ notifications: notifications.map((n) => n.kind), ...result }, 'notifier');
    return { notifications: notifications.length, unreadable: input.unreadable, ...result };
  };
  return middy<unknown, NotifierSummary>().use(logMetrics(runtime.powertoolsMetrics)).handler(notify);
}
