import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { neverLog } from '../ccxt/redactSecrets.js';
import { InvalidInputError } from '../../domain/errors.js';

/**
 * A language model endpoint's API key: the whole string of its Secrets Manager secret.
 * Registered never to be logged; an error never repeats it.
 */
export async function readLlmApiKey(client: SecretsManagerClient, secretId: string): Promise<string> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  const key = SecretString?.trim() ?? '';
  if (key === '') throw new InvalidInputError(`llm secret ${secretId}`, 'is empty: put the endpoint\'s API key in it, as the whole secret string');
  neverLog([key]);
  return key;
}
