import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBotConfigFile } from '../../cdk/loadBotConfigFile.js';
import { tableNamesWithPrefix } from '../../lib/adapters/dynamodb/tableDefinitions.js';
import { BotConfigSchema } from '../../lib/domain/botConfig.js';
import { InvalidInputError } from '../../lib/domain/errors.js';
import { parseWith } from '../../lib/domain/validation.js';
import { loadLocalBotConfig } from '../../lib/local/cli/loadLocalBotConfig.js';
import { loadBacktestConfig } from '../../lib/runtime/backtest/loadBacktestConfig.js';
import { LAMBDA_ENV, readLambdaEnv } from '../../lib/runtime/lambda/env.js';
import { loadStrategy } from '../../lib/strategy/registry.js';
import { lambdaEnvironment } from '../support/lambdaRuntimeFixture.js';
import { BOT_CONFIG_CASES, type BotConfigCase, SOUND_BOT_CONFIG, applyCase } from './corpus/botConfigs.js';
import { STRATEGY_CONFIG_CASES } from './corpus/strategyConfigs.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bad-bot-config-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function refusal(load: () => unknown): Promise<InvalidInputError> {
  try {
    await load();
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

async function configFile(content: unknown): Promise<string> {
  const file = join(dir, `bot-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(content));
  return file;
}

function expectNamed(error: InvalidInputError, source: string, badCase: BotConfigCase): void {
  expect(error.field).toBe(`${source}: ${badCase.field ?? badCase.path}`);
  if (badCase.mentions !== undefined) expect(error.reason).toContain(badCase.mentions);
  expect(error.message).toBe(`${error.field}: ${error.reason}`);
}

const LOCAL_OVERRIDES = { symbols: [{ symbol: 'LTC/BTC', timeframe: '5m' }], balances: { BTC: '1' } };
const withinLocalFiles = BOT_CONFIG_CASES.filter((c) => !c.localDefault && c.path !== '');

describe('Bad input: invalid bot configurations', () => {
  it('the sound configuration they are made from loads through every loader', async () => {
    const file = await configFile(SOUND_BOT_CONFIG);

    expect(parseWith(BotConfigSchema, SOUND_BOT_CONFIG, 'bot.json').botId).toBe('trader');
    expect(loadBotConfigFile(file).botId).toBe('trader');
    expect((await loadLocalBotConfig(file, LOCAL_OVERRIDES)).botId).toBe('trader');
  });

  it.each(BOT_CONFIG_CASES)('BotConfigSchema refuses $name, naming the field', async (badCase) => {
    expectNamed(await refusal(() => parseWith(BotConfigSchema, applyCase(badCase), 'bot.json')), 'bot.json', badCase);
  });

  it.each(BOT_CONFIG_CASES)('cdk synth (loadBotConfigFile) refuses $name, naming the file and the field', async (badCase) => {
    const file = await configFile(applyCase(badCase));

    expectNamed(await refusal(() => loadBotConfigFile(file)), file, badCase);
  });

  it.each(withinLocalFiles)('npm start (loadLocalBotConfig) refuses $name, naming the file and the field', async (badCase) => {
    const file = await configFile(applyCase(badCase));

    expectNamed(await refusal(() => loadLocalBotConfig(file, LOCAL_OVERRIDES)), file, badCase);
  });

  it.each(BOT_CONFIG_CASES.filter((c) => c.path === ''))('npm start refuses a file that is $name, naming the file', async (badCase) => {
    const file = await configFile(applyCase(badCase));

    const error = await refusal(() => loadLocalBotConfig(file, LOCAL_OVERRIDES));

    expect(error.field).toBe(file);
    expect(error.reason).toContain('must be a JSON object');
  });

  it.each(BOT_CONFIG_CASES)('a function cold start (BOT_CONFIG) refuses $name, naming the variable and the field', async (badCase) => {
    const env = { ...lambdaEnvironment(tableNamesWithPrefix('bad'), BotConfigSchema.parse(SOUND_BOT_CONFIG)), [LAMBDA_ENV.BOT_CONFIG]: JSON.stringify(applyCase(badCase)) };

    expectNamed(await refusal(() => readLambdaEnv(env)), `environment: ${LAMBDA_ENV.BOT_CONFIG}`, badCase);
  });

  const builtInCases = [
    ...STRATEGY_CONFIG_CASES.filter((c) => !c.strategy.name.startsWith('.')),
    { name: 'an unknown built-in strategy', strategy: { name: 'ema-crossing', params: {} }, field: 'strategy.name', mentions: 'unknown strategy "ema-crossing"' },
  ];

  it.each(builtInCases)('every loader refuses a configuration with $name at load, naming the file and the field', async ({ strategy, field, mentions }) => {
    const file = await configFile({ ...SOUND_BOT_CONFIG, strategy });
    const backtestFile = await configFile({ strategy });

    for (const [source, load] of [
      [file, () => loadBotConfigFile(file)],
      [file, () => loadLocalBotConfig(file, LOCAL_OVERRIDES)],
      [backtestFile, () => loadBacktestConfig(backtestFile)],
    ] as const) {
      const error = await refusal(load);
      expect(error.field).toBe(`${source}: ${field}`);
      expect(error.reason).toContain(mentions);
    }
  });

  it.each(STRATEGY_CONFIG_CASES)('building the strategy of a configuration with $name refuses it, naming the field', async ({ strategy, field, mentions }) => {
    const config = BotConfigSchema.parse({ ...SOUND_BOT_CONFIG, strategy });

    const error = await refusal(() => loadStrategy(config.strategy));

    expect(error.field).toBe(field);
    expect(error.reason).toContain(mentions);
  });
});
