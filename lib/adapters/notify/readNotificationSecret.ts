import { GetParameterCommand, ParameterNotFound, type SSMClient } from '@aws-sdk/client-ssm';
import * as z from 'zod';
import { neverLog } from '../ccxt/redactSecrets.js';
import { parseJsonParameter } from '../ssm/parseJsonParameter.js';

export const NotificationSecretSchema = z.strictObject({
  telegram: z.strictObject({ botToken: z.string().regex(/^\d+:[\w-]+$/, 'is not a Bot API token (<digits>:<letters>)'), chatId: z.union([z.number().int(), z.string().min(1)]), webhookSecretToken: z.string().regex(/^[\w-]{1,256}$/, 'must be 1-256 of A-Z a-z 0-9 _ -').optional() }).optional(),
  discordWebhookUrl: z.url({ protocol: /^https$/ }).optional(),
  slackWebhookUrl: z.url({ protocol: /^https$/ }).optional(),
});
export type NotificationSecret = z.output<typeof NotificationSecretSchema>;

export const NOTIFICATION_SECRET_SHAPE = '{"telegram":{"botToken":"123:abc","chatId":42,"webhookSecretToken":"…"},"discordWebhookUrl":"https://…","slackWebhookUrl":"https://…"} (each part optional)';

/**
 * The channels' tokens and webhook addresses from the bot's notification parameter, an SSM
 * SecureString read with decryption (free, where a Secrets Manager secret costs $0.40 a month).
 * A parameter not yet created configures no channel. Errors name the field, never its value;
 * every value read is registered never to be logged.
 */
export async function readNotificationSecret(client: SSMClient, parameterName: string): Promise<NotificationSecret> {
  let SecretString: string | undefined;
  try {
    SecretString = (await client.send(new GetParameterCommand({ Name: parameterName, WithDecryption: true }))).Parameter?.Value;
  } catch (error) {
    if (error instanceof ParameterNotFound) return {};
    throw error;
  }
  const where = `notification parameter ${parameterName}`;
  if (SecretString === undefined || SecretString.trim() === '') return {};
  const secret = parseJsonParameter(SecretString, where, NotificationSecretSchema, NOTIFICATION_SECRET_SHAPE);
  const { telegram, discordWebhookUrl, slackWebhookUrl } = secret;
  neverLog([telegram?.botToken, telegram?.webhookSecretToken, discordWebhookUrl, slackWebhookUrl].filter((value): value is string => value !== undefined));
  return secret;
}
