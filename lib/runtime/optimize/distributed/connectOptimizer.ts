import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { GetParameterCommand, ParameterNotFound, type SSMClient } from '@aws-sdk/client-ssm';
import * as z from 'zod';
import { S3ObjectStore } from '../../../adapters/s3/S3ObjectStore.js';
import { SfnBatchExecutions } from '../../../adapters/sfn/SfnBatchExecutions.js';
import { createSsmClient } from '../../../adapters/ssm/createSsmClient.js';
import { InvalidInputError } from '../../../domain/errors.js';
import { parseWith } from '../../../domain/validation.js';
import type { BatchExecutions } from '../../../ports/BatchExecutions.js';
import type { ObjectStore } from '../../../ports/ObjectStore.js';

/** As cdk/parameterNames.ts names it (lib does not import cdk/). */
export const optimizerParameterOf = (botId: string): string => `/${botId}/optimizer`;

const OptimizerLocationSchema = z.strictObject({ stateMachineArn: z.string().startsWith('arn:'), bucket: z.string().min(3) });

export interface OptimizerTarget {
  readonly botId?: string | undefined;
  readonly region?: string | undefined;
  /** Both given: used as they are, no parameter read. */
  readonly stateMachineArn?: string | undefined;
  readonly bucket?: string | undefined;
  /** @default a client for the region */
  readonly ssm?: SSMClient;
}

const NEEDS = 'set the region the bot is deployed in (--region, AWS_REGION or your AWS profile) and credentials allowed to reach it (AWS_PROFILE, `aws configure` or `aws sso login`)';

/**
 * The deployed Optimizer, found through the `/BOT_ID/optimizer` parameter the stack writes
 * (its stack outputs OptimizerStateMachineArn and OptimizerBucketName hold the same), after
 * checking there are a region and credentials, so a missing one reads as what to do.
 */
export async function connectOptimizer(target: OptimizerTarget): Promise<{ store: ObjectStore; executions: BatchExecutions }> {
  const region = target.region === undefined ? {} : { region: target.region };
  const ssm = target.ssm ?? createSsmClient(region);
  try {
    await ssm.config.region();
  } catch {
    throw new InvalidInputError('--aws', `no AWS region is set: ${NEEDS}`);
  }
  try {
    await ssm.config.credentials();
  } catch (error) {
    throw new InvalidInputError('--aws', `no AWS credentials were found (${(error as Error).message}): ${NEEDS}`);
  }
  let location: z.output<typeof OptimizerLocationSchema>;
  if (target.stateMachineArn !== undefined && target.bucket !== undefined) {
    location = { stateMachineArn: target.stateMachineArn, bucket: target.bucket };
  } else {
    if (target.botId === undefined) throw new InvalidInputError('--bot', 'is required with --aws (the bot whose stack deploys the Optimizer), or give both --state-machine and --bucket');
    const name = optimizerParameterOf(target.botId);
    let value: string | undefined;
    try {
      value = (await ssm.send(new GetParameterCommand({ Name: name }))).Parameter?.Value;
    } catch (error) {
      if (!(error instanceof ParameterNotFound)) throw error;
    }
    if (value === undefined) {
      throw new InvalidInputError(
        '--aws',
        `no Optimizer is deployed for bot ${target.botId} in ${await ssm.config.region()}: the SSM parameter ${name} (stack outputs OptimizerStateMachineArn and OptimizerBucketName) was not found; deploy it with \`npx cdk deploy -c optimizer=true\``,
      );
    }
    location = parseWith(OptimizerLocationSchema, JSON.parse(value) as unknown, name);
  }
  return {
    store: new S3ObjectStore(new S3Client({ ...region, maxAttempts: 5 }), location.bucket),
    executions: new SfnBatchExecutions(new SFNClient({ ...region, maxAttempts: 5 }), location.stateMachineArn),
  };
}
