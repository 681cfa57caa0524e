import { fileURLToPath } from 'node:url';
import { Validations } from 'aws-cdk-lib';
import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import aslValidator from 'asl-validator';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Optimizer } from '../../cdk/constructs/Optimizer.js';
import { OPTIMIZER_STATES } from '../../cdk/constructs/optimizerDefinition.js';
import { OPTIMIZER_BUCKET_ENV } from '../../lib/runtime/lambda/optimize/createTrialBatchHandler.js';
import { type AslDefinition, allStates, fakeLambdaArn } from '../support/aslDefinition.js';
import { synthOptimizer } from '../support/optimizerStack.js';
import { asList, type Statement } from './rolePolicies.js';
import { fixtureEntries, synthTraderStack } from './synthTraderStack.js';

const FIXTURE_HANDLER = fileURLToPath(new URL('./fixtures/handler.ts', import.meta.url));

let stack: Stack;
let optimizer: Optimizer;
let template: Template;
let definition: AslDefinition;

beforeAll(() => {
  ({ stack, optimizer, template, definition } = synthOptimizer({ maxConcurrency: 20, writeMapResults: true }));
});

const logicalIdOf = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);
const statementsOfRole = (roleId: string): Statement[] =>
  (Object.values(template.findResources('AWS::IAM::Policy')) as { Properties: { PolicyDocument: { Statement: Statement[] }; Roles: { Ref: string }[] } }[])
    .filter((policy) => policy.Properties.Roles.some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);

describe('Construct: Optimizer', () => {
  it('chooses the inline Map when the input has items, the ItemReader Map otherwise; both end in Done', () => {
    const states = definition.States;
    expect(definition.StartAt).toBe(OPTIMIZER_STATES.choose);
    expect(states[OPTIMIZER_STATES.choose]).toMatchObject({ Type: 'Choice', Choices: [{ Variable: '$.items', IsPresent: true, Next: OPTIMIZER_STATES.inline }], Default: OPTIMIZER_STATES.fromFile });
    expect(states[OPTIMIZER_STATES.inline]).toMatchObject({ Type: 'Map', ItemsPath: '$.items', Next: OPTIMIZER_STATES.done });
    expect(states[OPTIMIZER_STATES.fromFile]).toMatchObject({
      Type: 'Map',
      Next: OPTIMIZER_STATES.done,
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: logicalIdOf(optimizer.bucket), 'Key.$': '$.itemsKey' } },
    });
  });

  it('runs each Map as a distributed one: MaxConcurrency as configured, no failure tolerated, output discarded, results written to the bucket', () => {
    for (const name of [OPTIMIZER_STATES.inline, OPTIMIZER_STATES.fromFile]) {
      const map = definition.States[name];
      // Step Functions' default tolerance is 0, and CDK writes the field only when it is not.
      expect([map?.ToleratedFailurePercentage ?? 0, map?.ToleratedFailureCount ?? 0], name).toEqual([0, 0]);
      expect(map, name).toMatchObject({ MaxConcurrency: 20, ResultPath: null, ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: logicalIdOf(optimizer.bucket), Prefix: 'map-results' } } });
      expect(map?.ItemProcessor).toMatchObject({ ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } });
    }
  });

  it('invokes the trial function from each item, retrying Lambda service errors with backoff, then any error once (an item\'s result key is fixed)', () => {
    const states = allStates(definition);
    for (const name of [OPTIMIZER_STATES.taskFromFile, OPTIMIZER_STATES.taskInline]) {
      expect(states[name], name).toMatchObject({ Type: 'Task', Resource: fakeLambdaArn(logicalIdOf(optimizer.trials.function)), TimeoutSeconds: 910, End: true });
      expect(states[name]?.Parameters).toBeUndefined();
      expect(states[name]?.Retry?.map((r) => [r.ErrorEquals.includes('States.ALL') ? 'all' : 'lambda', r.MaxAttempts, r.BackoffRate])).toEqual([
        ['lambda', 4, 2],
        ['all', 1, 2],
      ]);
    }
  });

  it('is valid Amazon States Language (asl-validator)', () => {
    const result = aslValidator(structuredClone(definition));
    expect(result.errorsText('\n')).toBe('');
  });

  it('runs the trial function on arm64 with one vCPU and 15 minutes, the bucket in its environment', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Architectures: ['arm64'],
      MemorySize: 1769,
      Timeout: 900,
      Environment: { Variables: Match.objectLike({ [OPTIMIZER_BUCKET_ENV]: { Ref: logicalIdOf(optimizer.bucket) } }) },
    });
  });

  it('keeps its objects in an encrypted, private, SSL-only bucket that expires them', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 14, Status: 'Enabled' })] },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('lets the trial function read run data and results and write results under runs/, and nothing else', () => {
    const statements = statementsOfRole(logicalIdOf(optimizer.trials.role));
    const s3 = statements.filter((s) => asList(s.Action).some((a) => a.startsWith('s3:')));
    const summary = s3.map((s) => [asList(s.Action), JSON.stringify(s.Resource).match(/runs\/[^"]*/g) ?? ['bucket'], s.Condition ?? null]);
    expect(summary).toEqual([
      [['s3:GetObject'], ['runs/*/data.json.gz', 'runs/*/results/*'], null],
      [['s3:PutObject'], ['runs/*/results/*'], null],
      [['s3:ListBucket'], ['bucket'], { StringLike: { 's3:prefix': ['runs/*'] } }],
    ]);
    for (const action of statements.flatMap((s) => asList(s.Action))) expect(action).not.toMatch(/(^\*$)|(:\*$)/);
  });

  it("lets the state machine start its own child executions, invoke the one function, and no wildcard action", () => {
    const statements = statementsOfRole(logicalIdOf(optimizer.stateMachine.role));
    const actions = statements.flatMap((s) => asList(s.Action));
    for (const action of actions) expect(action).not.toMatch(/(^\*$)|(:\*$)/);
    const start = statements.filter((s) => asList(s.Action).includes('states:StartExecution'));
    expect(start.map((s) => s.Resource)).toEqual([{ Ref: logicalIdOf(optimizer.stateMachine) }]);
    expect(actions).toEqual(expect.arrayContaining(['lambda:InvokeFunction', 's3:GetObject', 'states:DescribeExecution', 'states:StopExecution']));
    const invoke = statements.filter((s) => asList(s.Action).includes('lambda:InvokeFunction'));
    expect(JSON.stringify(invoke.map((s) => s.Resource))).not.toMatch(/"\*"/);
  });

  it('publishes where the CLI finds it: the /BOT_ID/optimizer parameter and two stack outputs', () => {
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/testbot/optimizer' });
    const parameter = JSON.stringify(Object.values(template.findResources('AWS::SSM::Parameter'))[0]);
    expect(parameter).toContain('stateMachineArn');
    expect(parameter).toContain(logicalIdOf(optimizer.bucket));
    template.hasOutput('OptimizerStateMachineArn', { Value: { Ref: logicalIdOf(optimizer.stateMachine) } });
    template.hasOutput('OptimizerBucketName', { Value: { Ref: logicalIdOf(optimizer.bucket) } });
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineName: 'testbot-optimizer', StateMachineType: 'STANDARD', LoggingConfiguration: Match.objectLike({ Level: 'ALL' }) });
  });

  it('passes cdk-nag AwsSolutions with every finding acknowledged with a reason', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
    expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    const acknowledged = optimizer.node.findAll().flatMap((c) => c.node.metadata.filter((e) => e.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)).flatMap((e) => Object.keys(e.data as Record<string, string>));
    expect(acknowledged.filter((rule) => !rule.includes('IAM5')).sort()).toEqual(['Annotation::AwsSolutions-S1', 'Annotation::AwsSolutions-SF2']);
    expect(acknowledged.filter((rule) => rule.includes('IAM5'))).toHaveLength(8);
  });
});

describe('Stack: the optimizer flag', () => {
  it('deploys the Optimizer when asked, cdk-nag clean inside the whole stack, and refuses the flag without its handler', () => {
    const withOptimizer = synthTraderStack({ optimizer: { maxConcurrency: 10 }, entries: { ...fixtureEntries(), optimizeTrials: FIXTURE_HANDLER } });
    expect(withOptimizer.optimizer).toBeDefined();
    Template.fromStack(withOptimizer).hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineName: 'testbot-optimizer' });
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(withOptimizer);
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
    expect(() => synthTraderStack({ optimizer: true })).toThrow(/functions\/optimizeTrials.ts\) is missing/);
  });
});
