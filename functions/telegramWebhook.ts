import { SFNClient } from '@aws-sdk/client-sfn';
import { LambdaRuntime } from '../lib/runtime/lambda/LambdaRuntime.js';
import { createTelegramWebhookHandler } from '../lib/runtime/lambda/telegram/createTelegramWebhookHandler.js';

/**
 * telegramWebhook, behind a Function URL that Telegram's setWebhook points at: the owner's
 * commands (/status, /profit, /balance, /daily, /trades, /actions, /pause, /halt, /run,
 * /flatten CONFIRM, /reconcile), from the allowed chats only.
 */
export const handler = createTelegramWebhookHandler(new LambdaRuntime(process.env, { sfn: new SFNClient({ maxAttempts: 4 }) }));
