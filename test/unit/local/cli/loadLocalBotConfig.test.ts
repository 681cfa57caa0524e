import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../lib/domain/errors.js';
import { type LocalConfigOverrides, loadLocalBotConfig } from '../../../../lib/local/cli/loadLocalBotConfig.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'local-bot-config-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function configFile(content: unknown, name = 'bot.json'): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const OVERRIDES: LocalConfigOverrides = {
  symbols: [
    { symbol: 'LTC/BTC', timeframe: '5m' },
    { symbol: 'ETH/BTC', timeframe: '1h' },
  ],
  balances: { BTC: '1', LTC: '0.5' },
};

const FILE = {
  botId: 'bot7',
  exchange: { id: 'kraken', sandbox: true },
  mode: 'paper',
  symbols: [{ symbol: 'XRP/USDT', timeframe: '15m' }],
  paperBalances: { USDT: '1000' },
  windowSize: 250,
  strategy: { name: 'ema-crossover', params: { fastPeriod: 5, slowPeriod: 20 } },
};

async function rejection(run: Promise<unknown>): Promise<InvalidInputError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  return error as InvalidInputError;
}

describe('Function: loadLocalBotConfig', () => {
  it('without a file: bot local on binance, live, trading the given series from the given balances, keeping 100 candles', async () => {
    const config = await loadLocalBotConfig(undefined, OVERRIDES);

    expect(config.botId).toBe('local');
    expect(config.exchange).toEqual({ id: 'binance', sandbox: false });
    expect(config.mode).toBe('live');
    expect(config.symbols).toEqual(OVERRIDES.symbols);
    expect(config.paperBalances).toEqual({ BTC: '1', LTC: '0.5' });
    expect(config.windowSize).toBe(100);
    expect(config.strategy).toEqual({ name: 'ema-crossover', params: {} });
    expect(config.schedules).toEqual({ captureMinutes: 1, heartbeatMinutes: 5, maintenanceMinutes: 60 });
  });

  it('without a file, takes the strategy, mode and exchange from the command line', async () => {
    const config = await loadLocalBotConfig(undefined, { ...OVERRIDES, strategy: 'rsi-mean-reversion', mode: 'paper', exchangeId: 'okx' });

    expect(config.strategy).toEqual({ name: 'rsi-mean-reversion', params: {} });
    expect(config.mode).toBe('paper');
    expect(config.exchange).toEqual({ id: 'okx', sandbox: false });
  });

  it("takes the file's fields over the defaults", async () => {
    const config = await loadLocalBotConfig(await configFile(FILE), OVERRIDES);

    expect(config.botId).toBe('bot7');
    expect(config.exchange).toEqual({ id: 'kraken', sandbox: true });
    expect(config.mode).toBe('paper');
    expect(config.symbols).toEqual([{ symbol: 'XRP/USDT', timeframe: '15m' }]);
    expect(config.paperBalances).toEqual({ USDT: '1000' });
    expect(config.windowSize).toBe(250);
    expect(config.strategy).toEqual({ name: 'ema-crossover', params: { fastPeriod: 5, slowPeriod: 20 } });
  });

  it('fills what a file leaves out as without a file', async () => {
    const config = await loadLocalBotConfig(await configFile({ risk: { maxOpenPlans: 5 } }), OVERRIDES);

    expect(config.botId).toBe('local');
    expect(config.exchange).toEqual({ id: 'binance', sandbox: false });
    expect(config.mode).toBe('live');
    expect(config.symbols).toEqual(OVERRIDES.symbols);
    expect(config.paperBalances).toEqual({ BTC: '1', LTC: '0.5' });
    expect(config.windowSize).toBe(100);
    expect(config.risk.maxOpenPlans).toBe(5);
  });

  it("puts the command line's mode and exchange over the file's", async () => {
    const config = await loadLocalBotConfig(await configFile(FILE), { ...OVERRIDES, mode: 'live', exchangeId: 'okx' });

    expect(config.mode).toBe('live');
    expect(config.exchange).toEqual({ id: 'okx', sandbox: false });
    expect(config.botId).toBe('bot7');
  });

  it("keeps the file's strategy params when --strategy names the file's strategy", async () => {
    const config = await loadLocalBotConfig(await configFile(FILE), { ...OVERRIDES, strategy: 'ema-crossover' });

    expect(config.strategy).toEqual({ name: 'ema-crossover', params: { fastPeriod: 5, slowPeriod: 20 } });
  });

  it("drops the file's strategy params when --strategy names another strategy", async () => {
    const config = await loadLocalBotConfig(await configFile(FILE), { ...OVERRIDES, strategy: 'rsi-mean-reversion' });

    expect(config.strategy).toEqual({ name: 'rsi-mean-reversion', params: {} });
  });

  it('refuses a file that is not JSON, naming the file', async () => {
    const file = await configFile('{ "botId": "bot7", }');
    const error = await rejection(loadLocalBotConfig(file, OVERRIDES));

    expect(error.field).toBe(file);
    expect(error.message.startsWith(`${file}: not JSON: `)).toBe(true);
  });

  it.each([
    ['an array', []],
    ['a number', 42],
    ['null', null],
    ['a string', 'bot'],
  ])('refuses a file holding %s, naming the file', async (_what, content) => {
    const file = await configFile(JSON.stringify(content));
    const error = await rejection(loadLocalBotConfig(file, OVERRIDES));

    expect(error.message).toBe(`${file}: must be a JSON object (a bot configuration)`);
  });

  it('refuses a file that cannot be read, naming the file', async () => {
    const file = join(dir, 'missing.json');
    const error = await rejection(loadLocalBotConfig(file, OVERRIDES));

    expect(error.message).toBe(`${file}: cannot read: ENOENT`);
  });

  it('refuses an invalid field, naming the file and the field', async () => {
    const file = await configFile({ ...FILE, windowSize: 1 });
    const error = await rejection(loadLocalBotConfig(file, OVERRIDES));

    expect(error.field).toBe(`${file}: windowSize`);
    expect(error.message.startsWith(`${file}: windowSize: `)).toBe(true);
  });

  it('refuses an invalid nested field or an unknown one, naming its path', async () => {
    const badSymbol = await configFile({ symbols: [{ symbol: 'LTC-BTC', timeframe: '5m' }] }, 'symbol.json');
    expect((await rejection(loadLocalBotConfig(badSymbol, OVERRIDES))).message).toBe(`${badSymbol}: symbols.0.symbol: must look like BASE/QUOTE`);

    const unknown = await configFile({ windowsize: 50 }, 'unknown.json');
    expect((await rejection(loadLocalBotConfig(unknown, OVERRIDES))).field).toBe(`${unknown}: (root)`);
  });

  it('names the configuration "config" for a bad override without a file', async () => {
    const error = await rejection(loadLocalBotConfig(undefined, { ...OVERRIDES, symbols: [] }));

    expect(error.message).toBe('config: symbols: must list at least one symbol');
  });
});
