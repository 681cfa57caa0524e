import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TraderStack } from '../../cdk/stack.js';
import { retrainContext } from '../../cdk/retrainContext.js';
import { tableNamesWithPrefix } from '../../lib/adapters/dynamodb/tableDefinitions.js';
import { LAMBDA_ENV } from '../../lib/runtime/lambda/env.js';
import { lambdaEnvironment } from '../support/lambdaRuntimeFixture.js';
import { asList, type Statement } from './rolePolicies.js';
import { TEST_CONFIG, fixtureEntries, synthTraderStack } from './synthTraderStack.js';

/** The real handler: its bundle must load (the trainer's ONNX writer needs the real protobufjs, not the stub the others carry). */
const RETRAIN_HANDLER = fileURLToPath(new URL('../../functions/retrain.ts', import.meta.url));

let stack: TraderStack;
let template: Template;
const idOf = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);

beforeAll(() => {
  stack = synthTraderStack({ retrain: 'weekly', entries: { ...fixtureEntries(), retrain: RETRAIN_HANDLER } });
  template = Template.fromStack(stack);
});

function statementsOfRole(roleId: string): Statement[] {
  return (Object.values(template.findResources('AWS::IAM::Policy')) as { Properties: { PolicyDocument: { Statement: Statement[] }; Roles: { Ref: string }[] } }[])
    .filter((policy) => policy.Properties.Roles.some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

/** The actions a role may take on the checkpoint bucket's objects. */
function bucketActions(roleId: string): string[] {
  const bucketId = idOf(stack.retrainer!.bucket);
  return statementsOfRole(roleId)
    .filter((s) => JSON.stringify(s.Resource).includes(bucketId))
    .flatMap((s) => {
      expect(JSON.stringify(s.Resource)).toContain('/challengers/*');
      return asList(s.Action);
    })
    .sort();
}

describe('Construct: Retrainer (-c retrain=weekly)', () => {
  it('keeps checkpoints in an encrypted, versioned, private bucket that refuses plain HTTP', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    const policies = JSON.stringify(template.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toContain('aws:SecureTransport');
  });

  it('lets retrain write and read challengers/ and the runtime config, read the candles; decide only reads challengers/', () => {
    const retrain = stack.retrainer!.retrain;
    expect(bucketActions(stack.getLogicalId(retrain.role.node.defaultChild as never))).toEqual(['s3:GetObject', 's3:PutObject']);
    const decide = stack.functions.functions.decide;
    expect(bucketActions(stack.getLogicalId(decide.role!.node.defaultChild as never))).toEqual(['s3:GetObject']);
    const retrainStatements = statementsOfRole(stack.getLogicalId(retrain.role.node.defaultChild as never));
    const actions = retrainStatements.flatMap((s) => asList(s.Action));
    expect(actions).toContain('ssm:PutParameter');
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    expect(actions.filter((a) => a.startsWith('dynamodb:') && !['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable', 'dynamodb:Scan', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'].includes(a))).toEqual([]);
    const putParameter = retrainStatements.find((s) => asList(s.Action).includes('ssm:PutParameter'));
    expect(JSON.stringify(putParameter?.Resource)).toContain(idOf(stack.controls.runtimeConfig as never));
  });

  it('tells decide and retrain the bucket, runs weekly through EventBridge Scheduler, and alarms on a failed run', () => {
    const functions = template.findResources('AWS::Lambda::Function');
    const variables = (fn: { node: { defaultChild?: unknown } }) => (functions[idOf(fn)]?.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables;
    const bucketRef = { Ref: idOf(stack.retrainer!.bucket) };
    expect(variables(stack.functions.functions.decide)[LAMBDA_ENV.CHECKPOINT_BUCKET]).toEqual(bucketRef);
    expect(variables(stack.retrainer!.retrain.function)[LAMBDA_ENV.CHECKPOINT_BUCKET]).toEqual(bucketRef);
    expect(variables(stack.functions.functions.heartbeat)[LAMBDA_ENV.CHECKPOINT_BUCKET]).toBeUndefined();
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(17 3 ? * SUN *)', Target: { RetryPolicy: { MaximumRetryAttempts: 1 } } });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: { Ref: idOf(stack.retrainer!.retrain.function) } }], Threshold: 1 });
  });

  it('is cdk-nag clean inside the whole stack', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
    expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });

  it('bundles a retrain function that loads: the trainer\'s onnx-proto on the real protobufjs, the S3 client built', async () => {
    const assembly = (stack.node.root as App).synth();
    const code = (template.findResources('AWS::Lambda::Function')[idOf(stack.retrainer!.retrain.function)]?.Properties as { Code: { S3Key: string } }).Code.S3Key;
    const bundle = join(assembly.directory, `asset.${code.replace(/\.zip$/, '')}`, 'index.mjs');
    const saved = { ...process.env };
    Object.assign(process.env, lambdaEnvironment(tableNamesWithPrefix('retrain'), TEST_CONFIG), { [LAMBDA_ENV.CHECKPOINT_BUCKET]: 'checkpoints', AWS_REGION: 'eu-west-1' });
    try {
      const module = (await import(pathToFileURL(bundle).href)) as { handler?: unknown };
      expect(typeof module.handler).toBe('function');
    } finally {
      process.env = saved;
    }
  });

  it('is off without the flag and refuses an unknown cadence', () => {
    expect(retrainContext(undefined)).toEqual({});
    expect(retrainContext('daily')).toEqual({ retrain: 'daily' });
    expect(() => retrainContext('hourly')).toThrow('-c retrain="hourly": expected daily or weekly (or off)');
  });
});
