import { parseArgs } from 'node:util';
import { InvalidInputError } from '../../domain/errors.js';

export const START_USAGE = `usage: npm start -- [--data FILE ...] [--strategy NAME] [--checkpoint FILE] [--config FILE] [--speed N|max] [--hours H]
                   [--mode live|paper] [--shadow-only] [--out DIR] [--strict-fills] [--exchange ID --public-data]
                   [--llm-record FILE]

  --data FILE       candles the exchange simulator replays (BASE_QUOTE-TIMEFRAME.json, rows of
                    [openTimeMs, open, high, low, close, volume]); several for several symbols
                    (default data/sample/LTC_BTC-5m.json)
  --strategy NAME   ema-crossover, rsi-mean-reversion, model, or a path to a strategy module
  --checkpoint FILE the model strategy's ONNX checkpoint, model-card.json beside it (default models/default/model.onnx)
  --config FILE     a bot configuration as config/bot.json (every field optional here)
  --speed N|max     simulated time runs N times real time, or as fast as the functions run (default max)
  --hours H         simulated hours to run (default 24; the data's end stops it sooner)
  --mode live|paper live: orders go to the simulator through ccxt (default); paper: filled in DynamoDB
  --shadow-only     mode "shadow": the main strategy decides on a virtual book (shadow "main"); no order is sent
  --out DIR         where report.html, report.json and bot.log go (default out/local)
  --strict-fills    the simulator fills as stingily as the venue can: market orders walk a thin book
                    and may expire part-filled, a limit needs a trade through its price, a gap skips
                    a stop-limit (by default it fills as the backtest does, so both trade alike)
  --exchange ID --public-data
                    the real venue's public market data through ccxt (internet needed, no keys),
                    paper fills, on the wall clock, until Ctrl-C or --hours
  --llm-record FILE with --strategy llm: every call to the (loopback) language model appended to FILE
                    as a JSON line, which npm run backtest -- --llm-replay FILE replays`;

export interface StartArgs {
  readonly help: boolean;
  readonly data: readonly string[];
  readonly strategy?: string;
  /** --checkpoint: the model strategy's ONNX file. */
  readonly checkpoint?: string;
  readonly config?: string;
  readonly speed: number | 'max';
  readonly hours: number;
  readonly mode?: 'live' | 'paper' | 'shadow';
  readonly out: string;
  /** --strict-fills: the simulator's STRICT_FILLS instead of the backtest's fills. */
  readonly strictFills: boolean;
  /** Set with --public-data: the venue whose public data the bot trades on paper. */
  readonly publicExchange?: string;
  /** --llm-record: where the llm strategy's calls are appended. */
  readonly llmRecord?: string;
}

/** The command line of `npm start`; a mistake throws an InvalidInputError naming the option. */
export function parseStartArgs(argv: readonly string[], defaultData: string): StartArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      data: { type: 'string', multiple: true },
      strategy: { type: 'string' },
      checkpoint: { type: 'string' },
      config: { type: 'string' },
      speed: { type: 'string', default: 'max' },
      hours: { type: 'string', default: '24' },
      mode: { type: 'string' },
      out: { type: 'string', default: 'out/local' },
      exchange: { type: 'string' },
      'public-data': { type: 'boolean', default: false },
      'strict-fills': { type: 'boolean', default: false },
      'llm-record': { type: 'string' },
      'shadow-only': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const speed = values.speed === 'max' ? 'max' : positive('--speed', values.speed, 'a number above 0 or "max"');
  const hours = positive('--hours', values.hours, 'a number of hours above 0');
  if (values.mode !== undefined && values.mode !== 'live' && values.mode !== 'paper') throw new InvalidInputError('--mode', `"${values.mode}" is not live or paper`);
  const publicData = values['public-data'];
  if (values['shadow-only'] && values.mode !== undefined) throw new InvalidInputError('--shadow-only', `is mode "shadow": leave --mode ${values.mode} out`);
  if (publicData !== (values.exchange !== undefined)) throw new InvalidInputError(publicData ? '--public-data' : '--exchange', '--exchange ID and --public-data go together');
  if (publicData && values.mode === 'live') throw new InvalidInputError('--mode', 'live trading needs the simulator: --public-data trades on paper');
  if (publicData && speed !== 'max' && speed !== 1) throw new InvalidInputError('--speed', 'real market data runs on the wall clock: leave --speed out');
  if (publicData && values.data !== undefined) throw new InvalidInputError('--data', 'candle files are for the simulator: --public-data reads the venue');
  if (publicData && values['strict-fills']) throw new InvalidInputError('--strict-fills', 'fills are the simulator\'s: --public-data trades on paper');
  return {
    help: values.help,
    data: values.data ?? (publicData ? [] : [defaultData]),
    ...(values.strategy !== undefined ? { strategy: values.strategy } : {}),
    ...(values.checkpoint !== undefined ? { checkpoint: values.checkpoint } : {}),
    ...(values.config !== undefined ? { config: values.config } : {}),
    speed: publicData ? 1 : speed,
    hours,
    ...(values['shadow-only'] ? { mode: 'shadow' as const } : publicData ? { mode: 'paper' as const } : values.mode !== undefined ? { mode: values.mode } : {}),
    out: values.out,
    strictFills: values['strict-fills'],
    ...(publicData && values.exchange !== undefined ? { publicExchange: values.exchange } : {}),
    ...(values['llm-record'] !== undefined ? { llmRecord: values['llm-record'] } : {}),
  };
}

function positive(option: string, text: string, expected: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new InvalidInputError(option, `"${text}" is not ${expected}`);
  return value;
}
