import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddyfiedHandler } from '@middy/core';
import type { Context, LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';
import { DynamoDbBotReadModel } from '../../../adapters/dynamodb/DynamoDbBotReadModel.js';
import { DynamoDbTelemetryStore } from '../../../adapters/dynamodb/DynamoDbTelemetryStore.js';
import { DynamoDbUpdateGuard } from '../../../adapters/dynamodb/DynamoDbUpdateGuard.js';
import { type NotificationSecret, readNotificationSecret } from '../../../adapters/notify/readNotificationSecret.js';
import { TelegramSender } from '../../../adapters/notify/TelegramSender.js';
import { startReconciliation } from '../../../adapters/sfn/startReconciliation.js';
import { SsmKillSwitch } from '../../../adapters/ssm/SsmKillSwitch.js';
import { parseBotCommand } from '../../../domain/botCommand.js';
import { TelegramUpdateSchema, actorOf } from '../../../domain/telegramUpdate.js';
import { type BotCommandDeps, runBotCommand } from '../../../services/commands/runBotCommand.js';
import type { LambdaRuntime } from '../LambdaRuntime.js';
import { METRIC_NAMES } from '../metricNames.js';
import { readNotifierEnv } from '../notifier/notifierEnv.js';
import { commandExecutionName } from '../reconcile/executionNames.js';
import { secretTokenMatches } from './secretTokenMatches.js';

/** A rotated token is picked up within this long. */
const SECRET_TTL_MS = 5 * 60_000;
/** Telegram's answer to every update: 200 with nothing in it, so it neither retries nor shows anything. */
const NO_ANSWER: LambdaFunctionURLResult = { statusCode: 200, body: '' };

/**
 * The Telegram webhook, behind a Function URL with no AWS auth: Telegram's secret-token
 * header is the authentication, checked in constant time before anything is read. Then:
 * a body that is not an update → logged, 200; a chat not on `notifications.allowedChatIds`
 * → logged, 200, no answer; an update id seen before (Telegram redelivers until it gets a
 * 200) → logged, 200, not acted on again. A command's answer goes back with sendMessage.
 * Only a failure to claim the update (DynamoDB down) throws, so Telegram delivers it again.
 */
export function createTelegramWebhookHandler(runtime: LambdaRuntime, variables: NodeJS.ProcessEnv = process.env): MiddyfiedHandler<LambdaFunctionURLEvent, LambdaFunctionURLResult> {
  const { config, env, clock } = runtime;
  const notifierEnv = readNotifierEnv(variables);
  const allowed = new Set(config.notifications?.allowedChatIds ?? []);
  const guard = new DynamoDbUpdateGuard(runtime.dynamo, env.tableNames);
  let secret: { readonly at: number; readonly value: Promise<NotificationSecret> } | undefined;
  const readSecret = () => {
    if (secret === undefined || clock.now() - secret.at >= SECRET_TTL_MS) {
      const value = readNotificationSecret(runtime.ssm, notifierEnv.parameterName);
      value.catch(() => (secret = undefined));
      secret = { at: clock.now(), value };
    }
    return secret.value;
  };
  const deps: Omit<BotCommandDeps, 'logger'> = {
    views: new DynamoDbBotReadModel({ client: runtime.dynamo, tables: env.tableNames, series: config.symbols }),
    killSwitch: new SsmKillSwitch({ client: runtime.ssm, parameterName: env.killSwitchParameter, clock, logger: runtime.logger }),
    startReconciliation: (actor) => startReconciliation(runtime.sfn, env.reconcileStateMachineArn, commandExecutionName(config.botId, actor.updateId), { reason: `telegram /reconcile by ${actor.userName}`, resumeHalted: false }, runtime.logger),
    actions: new DynamoDbTelemetryStore({ client: runtime.dynamo, tables: env.tableNames, retentionDays: config.retentionDays.telemetry }),
    now: () => clock.now(),
  };

  const answer = async (event: LambdaFunctionURLEvent, context: Context): Promise<LambdaFunctionURLResult> => {
    const logger = runtime.logger.child({ correlationId: context.awsRequestId });
    const source = { sourceIp: event.requestContext?.http?.sourceIp, method: event.requestContext?.http?.method };
    const telegram = (await readSecret()).telegram;
    if (!secretTokenMatches(event.headers?.['x-telegram-bot-api-secret-token'], telegram?.webhookSecretToken)) {
      logger.warn({ ...source, configured: telegram?.webhookSecretToken !== undefined }, 'telegram webhook: wrong or missing secret token, refused');
      return NO_ANSWER;
    }
    const parsed = TelegramUpdateSchema.safeParse(readJson(event));
    if (!parsed.success) {
      logger.warn({ ...source, issue: parsed.error.issues[0]?.message, path: parsed.error.issues[0]?.path.join('.') }, 'telegram webhook: not an update, ignored');
      return NO_ANSWER;
    }
    const update = parsed.data;
    const message = update.message;
    if (message?.text === undefined) {
      logger.info({ updateId: update.update_id }, 'telegram webhook: an update with no text message, ignored');
      return NO_ANSWER;
    }
    const actor = actorOf({ ...update, message });
    if (!allowed.has(actor.chatId)) {
      logger.warn({ ...source, chatId: actor.chatId, userName: actor.userName, updateId: actor.updateId }, 'telegram webhook: a chat not on the allow-list, no answer');
      return NO_ANSWER;
    }
    if (!(await guard.claim(update.update_id, clock.now()))) {
      logger.info({ updateId: update.update_id, chatId: actor.chatId }, 'telegram webhook: update seen before, not acted on again');
      return NO_ANSWER;
    }
    const command = parseBotCommand(message.text);
    let reply: string;
    try {
      reply = 'unknown' in command ? `Unknown command ${command.unknown || '(empty)'}: /help lists the commands.` : await runBotCommand(command, actor, { ...deps, logger });
    } catch (error) {
      logger.error({ err: error, actor, text: message.text.slice(0, 100) }, 'telegram webhook: command failed');
      reply = `Failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    logger.info({ actor, command: 'unknown' in command ? command.unknown : command.name }, 'telegram command');
    try {
      await new TelegramSender({ botToken: telegram!.botToken, chatId: actor.chatId, ...(notifierEnv.telegramApiBase ? { apiBase: notifierEnv.telegramApiBase } : {}) }).send(reply);
    } catch (error) {
      // The command is done and its update claimed: a redelivery would not act again, so the answer is only logged lost.
      runtime.metrics.count(METRIC_NAMES.notificationFailures);
      logger.error({ err: error, actor }, 'telegram webhook: the answer could not be sent');
    }
    return NO_ANSWER;
  };
  return middy<LambdaFunctionURLEvent, LambdaFunctionURLResult>().use(logMetrics(runtime.powertoolsMetrics)).handler(answer);
}

function readJson(event: LambdaFunctionURLEvent): unknown {
  try {
    const body = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
