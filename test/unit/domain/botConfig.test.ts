import { describe, expect, it } from 'vitest';
import { type BotConfigInput, BotConfigSchema } from '../../../lib/domain/botConfig.js';
import { InvalidInputError } from '../../../lib/domain/errors.js';
import { parseWith } from '../../../lib/domain/validation.js';

const minimal: BotConfigInput = {
  botId: 'bot1',
  exchange: { id: 'binance' },
  symbols: [{ symbol: 'LTC/BTC', timeframe: '5m' }],
};

function failureOf(input: unknown): InvalidInputError {
  try {
    parseWith(BotConfigSchema, input, 'bot.json');
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('Schema: BotConfigSchema', () => {
  it('fills every default of a minimal paper configuration', () => {
    const config = BotConfigSchema.parse(minimal);

    expect(config).toMatchObject({
      exchange: { id: 'binance', sandbox: false },
      mode: 'paper',
      schedules: { captureMinutes: 1, heartbeatMinutes: 5, maintenanceMinutes: 60 },
      retentionDays: { telemetry: 30, market: 14 },
      decide: { batchSize: 10, maxConcurrency: 2, timeoutSeconds: 60 },
      windowSize: 100,
      strategy: { name: 'ema-crossover' },
      risk: { maxOpenPlans: 3 },
    });
    expect(config.alarmEmail).toBeUndefined();
    expect(config.paperBalances).toBeUndefined();
  });

  it('accepts a live configuration with every optional field', () => {
    const config = BotConfigSchema.parse({
      ...minimal,
      mode: 'live',
      exchange: { id: 'bybit', sandbox: true },
      alarmEmail: 'ops@example.com',
      paperBalances: { BTC: '0.5', LTC: '10' },
    });

    expect(config.mode).toBe('live');
    expect(config.exchange.sandbox).toBe(true);
  });

  it.each([
    ['an unknown top-level key', { ...minimal, extra: 1 }, '(root)', /Unrecognized key: "extra"/],
    ['an unknown exchange key', { ...minimal, exchange: { id: 'binance', apiKey: 'x' } }, 'exchange', /Unrecognized key/],
    ['an exchange id with capitals', { ...minimal, exchange: { id: 'Binance' } }, 'exchange.id', /ccxt exchange id/],
    ['a missing exchange', { botId: 'bot1', symbols: minimal.symbols }, 'exchange', /expected object/],
    ['an unknown mode', { ...minimal, mode: 'real' }, 'mode', /paper|live/],
    ['no symbols', { ...minimal, symbols: [] }, 'symbols', /at least one symbol/],
    ['a symbol not BASE/QUOTE', { ...minimal, symbols: [{ symbol: 'LTCBTC', timeframe: '5m' }] }, 'symbols.0.symbol', /BASE\/QUOTE/],
    ['an unknown timeframe', { ...minimal, symbols: [{ symbol: 'LTC/BTC', timeframe: '7m' }] }, 'symbols.0.timeframe', /Invalid option/],
    ['a zero capture period', { ...minimal, schedules: { captureMinutes: 0 } }, 'schedules.captureMinutes', /Too small/],
    ['a fractional heartbeat period', { ...minimal, schedules: { heartbeatMinutes: 2.5 } }, 'schedules.heartbeatMinutes', /expected int/],
    ['a zero telemetry retention', { ...minimal, retentionDays: { telemetry: 0 } }, 'retentionDays.telemetry', /Too small/],
    ['an alarm email that is not one', { ...minimal, alarmEmail: 'ops' }, 'alarmEmail', /email/],
    ['a batch over the FIFO limit of 10', { ...minimal, decide: { batchSize: 11 } }, 'decide.batchSize', /Too big/],
    ['a concurrency under the event source minimum of 2', { ...minimal, decide: { maxConcurrency: 1 } }, 'decide.maxConcurrency', /Too small/],
    ['a timeout over the Lambda maximum', { ...minimal, decide: { timeoutSeconds: 901 } }, 'decide.timeoutSeconds', /Too big/],
    ['a window of one candle', { ...minimal, windowSize: 1 }, 'windowSize', /Too small/],
    ['a paper balance that is not a decimal string', { ...minimal, paperBalances: { BTC: 1 } }, 'paperBalances.BTC', /expected string/],
    ['a negative paper balance', { ...minimal, paperBalances: { BTC: '-1' } }, 'paperBalances.BTC', /decimal string/],
    ['a bad risk field of the trading configuration', { ...minimal, risk: { maxOpenPlans: 0 } }, 'risk.maxOpenPlans', /Too small/],
    ['a bad bot id', { ...minimal, botId: 'My Bot' }, 'botId', /lowercase/],
  ])('rejects %s, naming the field', (_case, input, field, reason) => {
    const error = failureOf(input);

    expect(error.field).toBe(`bot.json: ${field}`);
    expect(error.reason).toMatch(reason);
  });

  it('rejects a calibration alarm that could never fire: more outcomes required than the rolling window holds, naming both numbers', () => {
    const error = failureOf({ ...minimal, calibration: { outcomes: 100, minOutcomes: 101 } });

    expect(error.field).toBe('bot.json: calibration.minOutcomes');
    expect(error.reason).toBe("101 is more than the rolling window's 100 outcomes (calibration.outcomes): the calibration alarm could never fire");
    expect(failureOf({ ...minimal, calibration: { outcomes: 40 } }).reason).toBe("50 is more than the rolling window's 40 outcomes (calibration.outcomes): the calibration alarm could never fire");
    expect(BotConfigSchema.parse({ ...minimal, calibration: { outcomes: 100, minOutcomes: 100 } }).calibration).toMatchObject({ outcomes: 100, minOutcomes: 100 });
  });

  it('rejects a repeated symbol and timeframe, naming the repeated entry', () => {
    const error = failureOf({
      ...minimal,
      symbols: [
        { symbol: 'LTC/BTC', timeframe: '5m' },
        { symbol: 'LTC/BTC', timeframe: '1m' },
        { symbol: 'LTC/BTC', timeframe: '5m' },
      ],
    });

    expect(error.field).toBe('bot.json: symbols.2');
    expect(error.reason).toBe('duplicate entry LTC/BTC 5m');
  });
});
