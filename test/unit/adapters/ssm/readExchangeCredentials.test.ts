import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { scrubLogLine } from '../../../../lib/adapters/ccxt/redactSecrets.js';
import { readExchangeCredentials } from '../../../../lib/adapters/ssm/readExchangeCredentials.js';
import { InvalidInputError } from '../../../../lib/domain/errors.js';
import { LocalParameterStore } from '../../../../lib/local/aws/LocalParameterStore.js';
import { localSsmClient } from '../../../../lib/local/aws/localSsmClient.js';

const NAME = '/credbot/exchange-credentials';

/** The real SSM client answered from a local parameter file, as the local bot reads the key. */
async function storeHolding(value: string | undefined): Promise<SSMClient> {
  const store = await LocalParameterStore.create(join(mkdtempSync(join(tmpdir(), 'creds-')), 'parameters.json'), value === undefined ? {} : { [NAME]: value });
  return localSsmClient(store);
}

async function failure(value: string | undefined): Promise<InvalidInputError> {
  const error = await readExchangeCredentials(await storeHolding(value), NAME).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  return error as InvalidInputError;
}

describe('readExchangeCredentials (the exchange key from its SSM SecureString)', () => {
  const mocks: { restore(): void }[] = [];
  afterEach(() => mocks.splice(0).forEach((mock) => mock.restore()));

  it('returns the key, secret and password, and registers them never to be logged', async () => {
    const ssm = await storeHolding(JSON.stringify({ apiKey: 'CREDKEY-7Qm2', secret: 'CREDSECRET-4Hn8', password: 'CREDPASS-9x' }));

    const credentials = await readExchangeCredentials(ssm, NAME);

    expect(credentials).toEqual({ apiKey: 'CREDKEY-7Qm2', secret: 'CREDSECRET-4Hn8', password: 'CREDPASS-9x' });
    expect(scrubLogLine('key CREDKEY-7Qm2 secret CREDSECRET-4Hn8 pass CREDPASS-9x')).not.toMatch(/CREDKEY-7Qm2|CREDSECRET-4Hn8|CREDPASS-9x/);
  });

  it('asks SSM to decrypt the SecureString', async () => {
    const ssm = mockClient(SSMClient);
    mocks.push(ssm);
    ssm.on(GetParameterCommand).resolves({ Parameter: { Name: NAME, Type: 'SecureString', Value: '{"apiKey":"k","secret":"s"}' } });

    await readExchangeCredentials(new SSMClient({ region: 'us-east-1' }), NAME);

    expect(ssm.commandCalls(GetParameterCommand).map((call) => call.args[0].input)).toEqual([{ Name: NAME, WithDecryption: true }]);
  });

  it('says how to put a parameter the owner has not created yet', async () => {
    const error = await failure(undefined);

    expect(error.message).toContain(`exchange credentials parameter ${NAME}`);
    expect(error.message).toContain(`does not exist: put it with aws ssm put-parameter --type SecureString --name ${NAME}`);
  });

  it.each([
    ['empty', '', 'is empty'],
    ['an empty object', '{}', 'is empty'],
    ['not JSON', 'apiKey=CREDKEY-x&secret=CREDSECRET-y', 'is not JSON'],
    ['missing the secret', '{"apiKey":"CREDKEY-x"}', 'secret: '],
    ['with an unexpected field', '{"apiKey":"CREDKEY-x","secret":"CREDSECRET-y","withdrawals":true}', '(root): unexpected field'],
    ['with an empty key', '{"apiKey":"","secret":"CREDSECRET-y"}', 'apiKey: is empty'],
  ])('refuses a value %s, naming what is wrong and never repeating it', async (_what, value, expected) => {
    const error = await failure(value);

    expect(error.message).toContain(expected);
    expect(error.message).not.toMatch(/CREDKEY-x|CREDSECRET-y/);
  });
});
