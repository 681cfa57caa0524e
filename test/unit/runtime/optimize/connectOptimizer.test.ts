import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { LocalParameterStore } from '../../../../lib/local/aws/LocalParameterStore.js';
import { localSsmClient } from '../../../../lib/local/aws/localSsmClient.js';
import { connectOptimizer } from '../../../../lib/runtime/optimize/distributed/connectOptimizer.js';

const dir = mkdtempSync(join(tmpdir(), 'connect-optimizer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run optimize -- --aws: finding the deployed Optimizer', () => {
  it('says to set a region when there is none, before calling AWS', async () => {
    vi.stubEnv('AWS_REGION', '');
    vi.stubEnv('AWS_DEFAULT_REGION', '');
    vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'none'));
    vi.stubEnv('AWS_PROFILE', '');
    try {
      await expect(connectOptimizer({ botId: 'testbot', ssm: new SSMClient({}) })).rejects.toThrow(/--aws: no AWS region is set: set the region the bot is deployed in \(--region/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('names the parameter and stack outputs it looked for when no Optimizer is deployed', async () => {
    const ssm = localSsmClient(await LocalParameterStore.create(join(dir, 'empty.json'), {}));
    await expect(connectOptimizer({ botId: 'testbot', ssm })).rejects.toThrow(
      /no Optimizer is deployed for bot testbot in local: the SSM parameter \/testbot\/optimizer \(stack outputs OptimizerStateMachineArn and OptimizerBucketName\) was not found; deploy it with `npx cdk deploy -c optimizer=true`/,
    );
  });

  it('asks for --bot, or the machine and bucket, with --aws', async () => {
    const ssm = localSsmClient(await LocalParameterStore.create(join(dir, 'none.json'), {}));
    await expect(connectOptimizer({ ssm })).rejects.toThrow(/--bot: is required with --aws/);
  });

  it('uses the state machine and bucket the parameter names, and refuses a malformed one', async () => {
    const arn = 'arn:aws:states:eu-west-1:123456789012:stateMachine:testbot-optimizer';
    const ssm = localSsmClient(await LocalParameterStore.create(join(dir, 'deployed.json'), { '/testbot/optimizer': JSON.stringify({ stateMachineArn: arn, bucket: 'optimizer-bucket-1' }), '/bad/optimizer': '{"bucket": "b"}' }));
    const { store, executions } = await connectOptimizer({ botId: 'testbot', ssm, region: 'eu-west-1' });
    expect([store.location, executions.location]).toEqual(['s3://optimizer-bucket-1', arn]);
    await expect(connectOptimizer({ botId: 'bad', ssm })).rejects.toThrow(/\/bad\/optimizer: stateMachineArn/);
  });
});
