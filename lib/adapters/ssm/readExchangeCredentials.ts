import { GetParameterCommand, ParameterNotFound, type SSMClient } from '@aws-sdk/client-ssm';
import * as z from 'zod';
import { type ExchangeCredentials, credentialStrings } from '../ccxt/createCcxtClient.js';
import { neverLog } from '../ccxt/redactSecrets.js';
import { InvalidInputError } from '../../domain/errors.js';
import { parseJsonParameter } from './parseJsonParameter.js';

const CredentialsSchema = z.strictObject({
  apiKey: z.string().min(1, 'is empty'),
  secret: z.string().min(1, 'is empty'),
  password: z.string().min(1, 'is empty').optional(),
});

export const CREDENTIALS_SHAPE = '{"apiKey":"…","secret":"…"} (and "password" where the venue asks for one)';

/** How the owner puts the key (README: "Exchange keys"), named in every error about a missing or unfit value. */
const putCommand = (parameterName: string) => `aws ssm put-parameter --type SecureString --name ${parameterName} --value '${CREDENTIALS_SHAPE.split(' ')[0]}'`;

/**
 * The exchange API keys from the bot's SSM SecureString parameter, read with decryption
 * (a standard parameter under the AWS-managed key aws/ssm: free, where a Secrets Manager
 * secret costs $0.40 a month). CloudFormation cannot create a SecureString, so the owner
 * puts it: a missing, empty or malformed value is an error that says how to put it, and
 * never repeats the value. The keys read are registered never to be logged.
 */
export async function readExchangeCredentials(client: SSMClient, parameterName: string): Promise<ExchangeCredentials> {
  const where = `exchange credentials parameter ${parameterName}`;
  let value: string | undefined;
  try {
    value = (await client.send(new GetParameterCommand({ Name: parameterName, WithDecryption: true }))).Parameter?.Value;
  } catch (error) {
    if (error instanceof ParameterNotFound) throw new InvalidInputError(where, `does not exist: put it with ${putCommand(parameterName)}`);
    throw error;
  }
  if (value === undefined || value.trim() === '' || value.trim() === '{}') {
    throw new InvalidInputError(where, `is empty: put ${CREDENTIALS_SHAPE} in it with ${putCommand(parameterName)} --overwrite`);
  }
  const { apiKey, secret, password } = parseJsonParameter(value, where, CredentialsSchema, CREDENTIALS_SHAPE);
  const credentials = password === undefined ? { apiKey, secret } : { apiKey, secret, password };
  neverLog(credentialStrings(credentials));
  return credentials;
}
