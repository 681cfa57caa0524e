import { describe, expect, it } from 'vitest';
import { createSsmClient } from '../../../../lib/adapters/ssm/createSsmClient.js';

describe('Function: createSsmClient', () => {
  it('retries in standard mode, 3 attempts, by default', async () => {
    const client = createSsmClient({ region: 'eu-west-1' });
    expect(await client.config.maxAttempts()).toBe(3);
    expect(await client.config.retryStrategy()).toMatchObject({ mode: 'standard' });
    expect(await client.config.region()).toBe('eu-west-1');
  });

  it('takes the retry strategy it is given', async () => {
    const client = createSsmClient({ region: 'eu-west-1', maxAttempts: 5, retryMode: 'adaptive' });
    expect(await client.config.maxAttempts()).toBe(5);
    expect(await client.config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
  });
});
