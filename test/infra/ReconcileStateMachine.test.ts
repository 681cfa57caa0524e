import { Template } from 'aws-cdk-lib/assertions';
import aslValidator from 'asl-validator';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TraderStack } from '../../cdk/stack.js';
import { BotConfigSchema } from '../../lib/domain/botConfig.js';
import { MAX_REPAIR_ROUNDS, RECONCILE_STATE_NAMES, RECONCILE_STEPS } from '../../lib/runtime/lambda/reconcile/reconcileSteps.js';
import { type AslDefinition, type AslState, allStates, fakeLambdaArn, synthesizedDefinition } from '../support/aslDefinition.js';
import { logicalIdOf, stackFunctions } from './stackFunctions.js';
import { fixtureEntries, synthTraderStack, TEST_CONFIG } from './synthTraderStack.js';

let stack: TraderStack;
let template: Template;
let definition: AslDefinition;
let states: Record<string, AslState>;

beforeAll(() => {
  stack = synthTraderStack();
  template = Template.fromStack(stack);
  definition = synthesizedDefinition(template);
  states = allStates(definition);
});

/** Where a state can go, in the order Step Functions looks: choice rules, default, next or end, then catchers. */
function transitions(state: AslState): string[] {
  return [
    ...(state.Choices ?? []).map((rule) => `when:${rule.Next}`),
    ...(state.Default !== undefined ? [`default:${state.Default}`] : []),
    ...(state.Next !== undefined ? [`next:${state.Next}`] : []),
    ...(state.End === true ? ['end'] : []),
    ...(state.Catch ?? []).map((catcher) => `catch:${catcher.Next}`),
  ];
}

const LAMBDA_SERVICE_ERRORS = ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'];
const functionProperties = (step: (typeof RECONCILE_STEPS)[number]) =>
  template.findResources('AWS::Lambda::Function')[logicalIdOf(stack, stack.reconciliation.steps.functions[step])]?.Properties as Record<string, unknown>;

describe('Construct: ReconcileStateMachine', () => {
  it('has exactly the states and transitions of the contract', () => {
    expect(definition.StartAt).toBe('Lock');
    expect(Object.fromEntries(Object.entries(states).map(([name, state]) => [name, { type: state.Type, to: transitions(state) }]))).toEqual({
      Lock: { type: 'Task', to: ['next:Locked?', 'catch:LockFailed'] },
      'Locked?': { type: 'Choice', to: ['when:Snapshots', 'default:NotLocked'] },
      NotLocked: { type: 'Succeed', to: [] },
      Snapshots: { type: 'Parallel', to: ['next:Diff', 'catch:Halt'] },
      ExchangeSnapshot: { type: 'Task', to: ['end'] },
      LedgerSnapshot: { type: 'Task', to: ['end'] },
      Diff: { type: 'Task', to: ['next:Repair?', 'catch:Halt'] },
      'Repair?': { type: 'Choice', to: ['when:Halt', 'when:Unlock', 'when:Halt', 'default:ApplyRepairs'] },
      ApplyRepairs: { type: 'Map', to: ['next:Verify', 'catch:Halt'] },
      ApplyRepair: { type: 'Task', to: ['end'] },
      Verify: { type: 'Task', to: ['next:Repair?', 'catch:Halt'] },
      Unlock: { type: 'Task', to: ['next:Reconciled', 'catch:Halt'] },
      Reconciled: { type: 'Succeed', to: [] },
      Halt: { type: 'Task', to: ['next:Halted'] },
      Halted: { type: 'Fail', to: [] },
      LockFailed: { type: 'Fail', to: [] },
    });
    expect(states.Snapshots?.Branches?.map((branch) => branch.StartAt)).toEqual(['ExchangeSnapshot', 'LedgerSnapshot']);
    expect(states.ApplyRepairs?.ItemProcessor?.StartAt).toBe('ApplyRepair');
  });

  it("decides by the contract's choice rules, in its order", () => {
    expect(states['Locked?']?.Choices).toEqual([{ Variable: '$.lock.locked', BooleanEquals: true, Next: 'Snapshots' }]);
    expect(states['Repair?']?.Choices).toEqual([
      { Variable: '$.diff.halt', IsPresent: true, Next: 'Halt' },
      { Variable: '$.diff.needsRepair', BooleanEquals: false, Next: 'Unlock' },
      { Variable: '$.diff.round', NumericGreaterThanEquals: MAX_REPAIR_ROUNDS, Next: 'Halt' },
    ]);
  });

  it("invokes each step's own function, its ARN as the Resource", () => {
    for (const step of RECONCILE_STEPS) {
      expect(states[RECONCILE_STATE_NAMES[step]]?.Resource, step).toBe(fakeLambdaArn(logicalIdOf(stack, stack.reconciliation.steps.functions[step])));
    }
  });

  it.each([
    ['Lock', { 'lockId.$': '$$.Execution.Name', 'input.$': '$$.Execution.Input' }, '$.lock'],
    ['ExchangeSnapshot', { 'lockId.$': '$.lock.lockId' }, undefined],
    ['LedgerSnapshot', { 'lockId.$': '$.lock.lockId' }, undefined],
    ['Diff', { 'lockId.$': '$.lock.lockId', round: 1, 'exchange.$': '$.snapshots.exchange', 'ledger.$': '$.snapshots.ledger' }, '$.diff'],
    ['ApplyRepair', undefined, undefined],
    ['Verify', { 'lockId.$': '$.lock.lockId', 'round.$': '$.diff.round' }, '$.diff'],
    ['Unlock', { 'lockId.$': '$.lock.lockId' }, '$.unlock'],
    ['Halt', undefined, '$.halt'],
  ])('passes %s its payload and puts its result where the contract says', (name, parameters, resultPath) => {
    expect(states[name]?.Parameters).toEqual(parameters);
    expect(states[name]?.ResultPath).toEqual(resultPath);
  });

  it('gathers both snapshots at $.snapshots and applies repairs one at a time, each with the lock id', () => {
    expect(states.Snapshots).toMatchObject({ ResultSelector: { 'exchange.$': '$[0]', 'ledger.$': '$[1]' }, ResultPath: '$.snapshots' });
    expect(states.ApplyRepairs).toMatchObject({
      ItemsPath: '$.diff.repairs',
      MaxConcurrency: 1,
      ItemSelector: { 'lockId.$': '$.lock.lockId', 'repair.$': '$$.Map.Item.Value' },
      ResultPath: null,
    });
  });

  it('retries ApplyRepair on any error (repairs are idempotent), every other task on Lambda service errors only', () => {
    for (const [name, state] of Object.entries(states).filter(([, candidate]) => candidate.Type === 'Task')) {
      expect(state.Retry, name).toEqual(
        name === 'ApplyRepair'
          ? [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2, IntervalSeconds: 2, BackoffRate: 2 }]
          : [{ ErrorEquals: LAMBDA_SERVICE_ERRORS, MaxAttempts: 3, IntervalSeconds: 2, BackoffRate: 2 }],
      );
    }
  });

  it('sends every failure after Lock to Halt with the error at $.error, and a failing Lock to LockFailed', () => {
    for (const name of ['Snapshots', 'Diff', 'ApplyRepairs', 'Verify', 'Unlock']) {
      expect(states[name]?.Catch, name).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Halt' }]);
    }
    expect(states.Lock?.Catch).toEqual([{ ErrorEquals: ['States.ALL'], Next: 'LockFailed' }]);
    expect(states.Halted).toMatchObject({ Type: 'Fail', Error: 'ReconciliationHalted' });
  });

  it.each([
    ['lock', 15, 256],
    ['exchangeSnapshot', 60, 512],
    ['ledgerSnapshot', 15, 256],
    ['diff', 15, 256],
    ['applyRepair', 60, 512],
    ['verify', 60, 512],
    ['unlock', 15, 256],
    ['halt', 15, 256],
  ] as const)('gives %s a %i s timeout and %i MB, and times its task out 10 s later', (step, timeout, memory) => {
    expect(functionProperties(step)).toMatchObject({ Timeout: timeout, MemorySize: memory, Architectures: ['arm64'] });
    expect(states[RECONCILE_STATE_NAMES[step]]?.TimeoutSeconds).toBe(timeout + 10);
  });

  it('is a standard workflow of at most 15 minutes that logs every event to its own log group', () => {
    const logGroupId = logicalIdOf(stack, stack.reconciliation.logGroup);

    expect(definition.TimeoutSeconds).toBe(900);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true, Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [logGroupId, 'Arn'] } } }] },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('is valid Amazon States Language (asl-validator)', () => {
    const result = aslValidator(structuredClone(definition));

    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });
});

describe('Construct: AfterDeployReconciliation', () => {
  const triggers = () => Object.values(template.findResources('Custom::Trigger'));
  const fingerprintOf = (from: TraderStack) => {
    const fn = Template.fromStack(from).findResources('AWS::Lambda::Function')[logicalIdOf(from, from.afterDeploy.function.function)];
    return (fn?.Properties as { Environment: { Variables: Record<string, string> } }).Environment.Variables.DEPLOY_FINGERPRINT;
  };
  /** The published version of the after-deploy function: its logical id carries a hash of the function's code and configuration. */
  const versionIdOf = (from: TraderStack) => {
    const functionId = logicalIdOf(from, from.afterDeploy.function.function);
    const versions = Object.entries(Template.fromStack(from).findResources('AWS::Lambda::Version'));
    return versions.find(([, version]) => JSON.stringify(version.Properties).includes(`{"Ref":"${functionId}"}`))?.[0];
  };

  it("runs the after-deploy function's current version, synchronously, after the state machine and every function exist", () => {
    expect(triggers()).toHaveLength(1);
    const trigger = triggers()[0]!;
    const dependsOn = trigger.DependsOn as string[];

    expect(trigger.Properties).toMatchObject({ HandlerArn: { Ref: versionIdOf(stack) }, InvocationType: 'RequestResponse', ExecuteOnHandlerChange: true });
    expect(dependsOn).toContain(logicalIdOf(stack, stack.reconciliation.stateMachine));
    expect(dependsOn).toContain(logicalIdOf(stack, stack.reconciliation.stateMachine.role as never));
    for (const fn of Object.values(stackFunctions(stack))) expect(dependsOn).toContain(logicalIdOf(stack, fn));
  });

  it('changes its fingerprint, so its function version and the trigger, with any function code or the configuration, and only then', () => {
    const again = synthTraderStack();
    const otherCode = synthTraderStack({ entries: fixtureEntries({ diff: fileURLToPath(new URL('./fixtures/otherHandler.ts', import.meta.url)) }) });
    const otherConfig = synthTraderStack({ config: BotConfigSchema.parse({ ...TEST_CONFIG, risk: { maxOpenPlans: 1 } }) });

    expect(fingerprintOf(stack)).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprintOf(again)).toBe(fingerprintOf(stack));
    expect(versionIdOf(again)).toBe(versionIdOf(stack));
    for (const changed of [otherCode, otherConfig]) {
      expect(fingerprintOf(changed)).not.toBe(fingerprintOf(stack));
      expect(versionIdOf(changed)).not.toBe(versionIdOf(stack));
    }
  });
});
