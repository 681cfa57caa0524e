import * as z from 'zod';
import { parseWith } from '../../../domain/validation.js';

/** The variables the stack sets on the notifier and the Telegram webhook, beside every function's own. */
export const NOTIFIER_ENV = {
  /** The SSM SecureString parameter holding the channels' tokens (readNotificationSecret). */
  NOTIFICATION_PARAMETER: 'NOTIFICATION_PARAMETER',
  /** The email channel's topic. */
  NOTIFICATION_TOPIC_ARN: 'NOTIFICATION_TOPIC_ARN',
  /** Locally and in tests: the loopback Bot API server. @default https://api.telegram.org */
  TELEGRAM_API_BASE: 'TELEGRAM_API_BASE',
} as const;

const NotifierEnvSchema = z.object({
  [NOTIFIER_ENV.NOTIFICATION_PARAMETER]: z.string({ error: 'is not set' }).startsWith('/', 'must be a parameter name (/<botId>/notifications)'),
  [NOTIFIER_ENV.NOTIFICATION_TOPIC_ARN]: z.string().min(1).optional(),
  [NOTIFIER_ENV.TELEGRAM_API_BASE]: z.url().optional(),
});

export interface NotifierEnv {
  readonly parameterName: string;
  readonly topicArn?: string;
  readonly telegramApiBase?: string;
}

export function readNotifierEnv(variables: NodeJS.ProcessEnv): NotifierEnv {
  const parsed = parseWith(NotifierEnvSchema, variables, 'notifier environment');
  const topicArn = parsed[NOTIFIER_ENV.NOTIFICATION_TOPIC_ARN];
  const telegramApiBase = parsed[NOTIFIER_ENV.TELEGRAM_API_BASE];
  return { parameterName: parsed[NOTIFIER_ENV.NOTIFICATION_PARAMETER], ...(topicArn ? { topicArn } : {}), ...(telegramApiBase ? { telegramApiBase } : {}) };
}
