import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import { type ExchangeCredentials, credentialStrings } from '../ccxt/createCcxtClient.js';
import { neverLog } from '../ccxt/redactSecrets.js';
import { InvalidInputError } from '../../domain/errors.js';

const CredentialsSchema = z.strictObject({
  apiKey: z.string().min(1, 'is empty'),
  secret: z.string().min(1, 'is empty'),
  password: z.string().min(1, 'is empty').optional(),
});

export const CREDENTIALS_SHAPE = '{"apiKey":"…","secret":"…"} (and "password" where the venue asks for one)';

/**
 * The exchange API keys from the bot's Secrets Manager secret. The stack creates the
 * secret empty, so an unfilled or malformed secret is an error that says how to fill it;
 * the error never repeats the secret's value. The keys read are registered never to be logged.
 */
export async function readExchangeCredentials(client: SecretsManagerClient, secretId: string): Promise<ExchangeCredentials> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  const where = `exchange secret ${secretId}`;
  if (SecretString === undefined || SecretString.trim() === '' || SecretString.trim() === '{}') {
    throw new InvalidInputError(where, `is empty: put ${CREDENTIALS_SHAPE} in it (README: "Exchange keys")`);
  }
  let json: unknown;
  try {
    json = JSON.parse(SecretString) as unknown;
  } catch {
    throw new InvalidInputError(where, `is not JSON: it must hold ${CREDENTIALS_SHAPE}`);
  }
  const parsed = CredentialsSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code === 'unrecognized_keys' ? 'unexpected field' : issue.message}`);
    throw new InvalidInputError(where, `${fields.join('; ')}; it must hold ${CREDENTIALS_SHAPE}`);
  }
  const { apiKey, secret, password } = parsed.data;
  const credentials = password === undefined ? { apiKey, secret } : { apiKey, secret, password };
  neverLog(credentialStrings(credentials));
  return credentials;
}
