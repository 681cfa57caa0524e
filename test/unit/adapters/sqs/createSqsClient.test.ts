import { describe, expect, it } from 'vitest';
import { createSqsClient } from '../../../../lib/adapters/sqs/createSqsClient.js';

describe('Function: createSqsClient', () => {
  it('retries in standard mode, 5 attempts, by default', async () => {
    const client = createSqsClient({ region: 'eu-west-1' });
    expect(await client.config.maxAttempts()).toBe(5);
    expect(await client.config.retryStrategy()).toMatchObject({ mode: 'standard' });
    expect(await client.config.region()).toBe('eu-west-1');
  });

  it('takes the retry strategy it is given', async () => {
    const client = createSqsClient({ region: 'eu-west-1', maxAttempts: 8, retryMode: 'adaptive' });
    expect(await client.config.maxAttempts()).toBe(8);
    expect(await client.config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
  });
});
