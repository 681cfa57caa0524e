import { createNotifierHandler } from '../lib/runtime/lambda/notifier/createNotifierHandler.js';
import { LambdaRuntime } from '../lib/runtime/lambda/LambdaRuntime.js';

/**
 * notifier, on the telemetry and plans tables' change streams and the alarm topic: entries,
 * exits, a digest of risk rejections, the daily summary, kill-switch changes, reconciliation
 * halts and repairs, alarms; sent to Telegram, Discord, Slack or email as config routes them.
 */
export const handler = createNotifierHandler(new LambdaRuntime());
