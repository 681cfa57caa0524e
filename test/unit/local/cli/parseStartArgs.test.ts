import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../lib/domain/errors.js';
import { parseStartArgs } from '../../../../lib/local/cli/parseStartArgs.js';

const DEFAULT_DATA = 'data/sample/LTC_BTC-5m.json';

const parse = (...argv: string[]) => parseStartArgs(argv, DEFAULT_DATA);

/** The error `run` throws; fails the test when it throws none. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, none was thrown');
}

function refusal(argv: string[]): InvalidInputError {
  const error = thrown(() => parse(...argv));
  expect(error).toBeInstanceOf(InvalidInputError);
  return error as InvalidInputError;
}

describe('Function: parseStartArgs', () => {
  it('defaults to the given data file, full speed, 24 hours and out/local', () => {
    expect(parse()).toStrictEqual({ help: false, data: [DEFAULT_DATA], speed: 'max', hours: 24, out: 'out/local', strictFills: false });
  });

  it('takes every option', () => {
    expect(
      parse('--data', 'a/ETH_BTC-1m.json', '--data', 'b/LTC_BTC-5m.json', '--strategy', 'rsi-mean-reversion', '--config', 'config/bot.json', '--speed', '50', '--hours', '1.5', '--mode', 'paper', '--out', 'out/run1', '--strict-fills', '-h'),
    ).toStrictEqual({
      help: true,
      data: ['a/ETH_BTC-1m.json', 'b/LTC_BTC-5m.json'],
      strategy: 'rsi-mean-reversion',
      config: 'config/bot.json',
      speed: 50,
      hours: 1.5,
      mode: 'paper',
      out: 'out/run1',
      strictFills: true,
    });
  });

  it('takes --shadow-only as mode "shadow", and refuses it beside --mode', () => {
    expect(parse('--shadow-only').mode).toBe('shadow');
    const error = thrown(() => parse('--shadow-only', '--mode', 'paper'));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe('--shadow-only');
  });

  it('takes --speed max and --mode live', () => {
    expect(parse('--speed', 'max', '--mode', 'live')).toStrictEqual({ help: false, data: [DEFAULT_DATA], speed: 'max', hours: 24, mode: 'live', out: 'out/local', strictFills: false });
  });

  it.each([
    [['--speed', '0'], '--speed: "0" is not a number above 0 or "max"'],
    [['--speed', 'fast'], '--speed: "fast" is not a number above 0 or "max"'],
    [['--speed=-2'], '--speed: "-2" is not a number above 0 or "max"'],
    [['--hours=-1'], '--hours: "-1" is not a number of hours above 0'],
    [['--hours', '0'], '--hours: "0" is not a number of hours above 0'],
    [['--hours', 'Infinity'], '--hours: "Infinity" is not a number of hours above 0'],
    [['--mode', 'demo'], '--mode: "demo" is not live or paper'],
  ])('refuses %j naming the option', (argv, message) => {
    const error = refusal(argv);
    expect(error.message).toBe(message);
    expect(error.field).toBe(argv[0]!.split('=')[0]);
  });

  it('refuses --exchange without --public-data, and --public-data without --exchange', () => {
    const withoutPublicData = refusal(['--exchange', 'binance']);
    expect(withoutPublicData.field).toBe('--exchange');
    expect(withoutPublicData.message).toBe('--exchange: --exchange ID and --public-data go together');

    const withoutExchange = refusal(['--public-data']);
    expect(withoutExchange.field).toBe('--public-data');
    expect(withoutExchange.message).toBe('--public-data: --exchange ID and --public-data go together');
  });

  it('runs --public-data on paper at real time, with no data files, on the given venue', () => {
    expect(parse('--exchange', 'kraken', '--public-data')).toStrictEqual({
      help: false,
      data: [],
      speed: 1,
      hours: 24,
      mode: 'paper',
      out: 'out/local',
      strictFills: false,
      publicExchange: 'kraken',
    });
    expect(parse('--exchange', 'kraken', '--public-data', '--mode', 'paper', '--speed', '1', '--hours', '2')).toStrictEqual({
      help: false,
      data: [],
      speed: 1,
      hours: 2,
      mode: 'paper',
      out: 'out/local',
      strictFills: false,
      publicExchange: 'kraken',
    });
  });

  it('refuses --public-data with --mode live, with a speed, or with --data', () => {
    const live = refusal(['--exchange', 'binance', '--public-data', '--mode', 'live']);
    expect(live.field).toBe('--mode');
    expect(live.message).toBe('--mode: live trading needs the simulator: --public-data trades on paper');

    const fast = refusal(['--exchange', 'binance', '--public-data', '--speed', '10']);
    expect(fast.field).toBe('--speed');
    expect(fast.message).toBe('--speed: real market data runs on the wall clock: leave --speed out');

    const data = refusal(['--exchange', 'binance', '--public-data', '--data', 'x/LTC_BTC-5m.json']);
    expect(data.field).toBe('--data');
    expect(data.message).toBe('--data: candle files are for the simulator: --public-data reads the venue');

    const strict = refusal(['--exchange', 'binance', '--public-data', '--strict-fills']);
    expect(strict.field).toBe('--strict-fills');
    expect(strict.message).toBe("--strict-fills: fills are the simulator's: --public-data trades on paper");
  });

  it('throws node parseArgs errors for an unknown option or a missing value', () => {
    const unknown = thrown(() => parse('--fast'));
    expect(unknown).toBeInstanceOf(TypeError);
    expect(unknown).toMatchObject({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' });
    expect((unknown as Error).message).toContain('--fast');

    expect(thrown(() => parse('--speed'))).toMatchObject({ code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' });
    expect(thrown(() => parse('extra'))).toMatchObject({ code: 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' });
  });

  it('leaves a negative number after a space to parseArgs, which refuses it as ambiguous, naming the option', () => {
    const error = thrown(() => parse('--hours', '-1'));

    expect(error).toMatchObject({ code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' });
    expect((error as Error).message).toContain("'--hours'");
  });
});
