import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { BotConfigSchema } from '../../lib/domain/botConfig.js';
import { LAMBDA_ENV, readLambdaEnv } from '../../lib/runtime/lambda/env.js';
import { readAfterDeployEnv } from '../../lib/runtime/lambda/reconcile/afterDeployEnv.js';
import { loadBotConfigFile } from '../../cdk/loadBotConfigFile.js';
import type { FunctionName } from '../../cdk/constructs/TraderFunctions.js';
import type { ReconcileFunctionName } from '../../cdk/functionEntries.js';
import { stackFunctions } from './stackFunctions.js';
import { synthTraderStack, TEST_CONFIG } from './synthTraderStack.js';

let environmentOf: Record<FunctionName | ReconcileFunctionName, Record<string, string>>;
/** Every function that reads readLambdaEnv: all but the after-deploy trigger's. */
let environments: Record<string, string>[];
const dir = mkdtempSync(join(tmpdir(), 'trader-config-'));

/** A function's variables as Lambda would see them: CloudFormation references replaced by plausible values. */
function resolved(variables: Record<string, unknown>): Record<string, string> {
  const fake = (name: string) =>
    name === LAMBDA_ENV.DECISION_QUEUE_URL ? 'https://sqs.eu-west-1.amazonaws.com/123456789012/decisions.fifo' : name.endsWith('_ARN') ? `arn:aws:test:${name}` : `resolved-${name}`;
  return Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, typeof value === 'string' ? value : fake(name)]));
}

beforeAll(() => {
  const stack = synthTraderStack();
  const functions = Template.fromStack(stack).findResources('AWS::Lambda::Function');
  const variables = (id: string) => (functions[id]?.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables;
  environmentOf = Object.fromEntries(
    Object.entries(stackFunctions(stack)).map(([name, fn]) => [name, resolved(variables(stack.getLogicalId(fn.node.defaultChild as never)))]),
  ) as typeof environmentOf;
  environments = Object.entries(environmentOf)
    .filter(([name]) => name !== 'afterDeploy')
    .map(([, env]) => env);
});

describe('Contract: the stack sets what readLambdaEnv reads', () => {
  it('gives every function and reconciliation step a complete, valid environment carrying the bot configuration', () => {
    expect(environments).toHaveLength(12);
    for (const env of environments) {
      const read = readLambdaEnv(env);
      expect(read.botConfig).toEqual(BotConfigSchema.parse(TEST_CONFIG));
      expect(read.tableNames.state).toBe('resolved-TABLE_STATE');
      expect(read.metricsNamespace).toBe('ServerlessTrader/testbot');
    }
  });

  it('tells heartbeat alone which state machine reconciles', () => {
    const withArn = Object.entries(environmentOf).filter(([name, env]) => name !== 'afterDeploy' && readLambdaEnv(env).reconcileStateMachineArn !== undefined);

    expect(withArn.map(([name]) => name)).toEqual(['heartbeat']);
  });

  it('gives the after-deploy trigger its bot, state machine and fingerprint, and nothing of the ledger', () => {
    const env = environmentOf.afterDeploy;

    const read = readAfterDeployEnv(env);

    expect(read).toMatchObject({ botId: 'testbot', stateMachineArn: 'arn:aws:test:RECONCILE_STATE_MACHINE_ARN', logLevel: 'info' });
    expect(read.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(Object.keys(env).filter((name) => name.startsWith('TABLE_') || name === LAMBDA_ENV.EXCHANGE_CREDENTIALS_PARAMETER)).toEqual([]);
  });

  it('names a missing variable', () => {
    const env = { ...environments[0] };
    delete env.TABLE_STATE;

    expect(() => readLambdaEnv(env)).toThrow('environment: TABLE_STATE: is not set');
  });

  it('names an invalid variable', () => {
    expect(() => readLambdaEnv({ ...environments[0], EXCHANGE_CREDENTIALS_PARAMETER: 'exchange-credentials' })).toThrow('environment: EXCHANGE_CREDENTIALS_PARAMETER: must be a parameter name starting with /');
    expect(() => readLambdaEnv({ ...environments[0], LOG_LEVEL: 'loud' })).toThrow(/environment: LOG_LEVEL: /);
  });

  it('names the bad field of the bot configuration it carries', () => {
    const config = { ...BotConfigSchema.parse(TEST_CONFIG), risk: { maxOpenPlans: 0 } };

    expect(() => readLambdaEnv({ ...environments[0], BOT_CONFIG: JSON.stringify(config) })).toThrow(
      /^environment: BOT_CONFIG: risk\.maxOpenPlans: Too small/,
    );
    expect(() => readLambdaEnv({ ...environments[0], BOT_CONFIG: '{' })).toThrow(/^environment: BOT_CONFIG: not JSON/);
  });
});

describe('Synth: the bot configuration', () => {
  it('loads the shipped config/bot.json', () => {
    expect(loadBotConfigFile('config/bot.json').mode).toBe('paper');
  });

  it('fails with the file, the field and the reason for an invalid configuration', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ ...TEST_CONFIG, risk: { maxOpenPlans: 0 } }));

    expect(() => loadBotConfigFile(path)).toThrow(`${path}: risk.maxOpenPlans: Too small: expected number to be >=1`);
  });

  it('stops the CDK app before anything is built', async () => {
    const path = join(dir, 'bad-symbol.json');
    writeFileSync(path, JSON.stringify({ ...TEST_CONFIG, symbols: [{ symbol: 'LTCBTC', timeframe: '5m' }] }));

    const run = promisify(execFile)('npx', ['tsx', 'cdk/app.ts'], { env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ botConfig: path }) } });

    await expect(run).rejects.toThrow(`${path}: symbols.0.symbol: must look like BASE/QUOTE`);
  });

  it('refuses a configuration too large for the BOT_CONFIG variable', () => {
    const params = { note: 'x'.repeat(3000) };

    expect(() => synthTraderStack({ config: BotConfigSchema.parse({ ...TEST_CONFIG, strategy: { name: 'ema-crossover', params } }) })).toThrow(
      /bot configuration is \d+ bytes as JSON; the BOT_CONFIG environment variable holds at most 3000/,
    );
  });
});
