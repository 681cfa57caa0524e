import { parseArgs } from 'node:util';
import { TIMEFRAMES, TimeframeSchema } from '../../domain/candle.js';
import { InvalidInputError, TraderError } from '../../domain/errors.js';
import type { CandleFileNaming } from './loadCandleFile.js';
import { replayServices } from './replayServices.js';
import { loadBacktestConfig } from './loadBacktestConfig.js';
import { createProgress } from './progress.js';
import { runBacktest } from './runBacktest.js';
import { summaryLine } from './report/summaryLine.js';
import { bookLines } from './report/bookComparison.js';
import { writeReport } from './report/writeReport.js';

const USAGE = `usage: npm run backtest -- --data FILE [--data FILE ...] [--strategy NAME|PATH] [--checkpoint FILE] [--config FILE] [--out DIR]
                            [--symbol BASE/QUOTE] [--timeframe TF] [--shadow-only] [--llm-replay FILE [--llm-missing error|skip]]

  --data FILE       candles: a JSON array of [openTimeMs, open, high, low, close, volume] rows,
                    named BASE_QUOTE-TIMEFRAME.json (e.g. ../shared/data/candles/ETH_BTC-1m.json);
                    freqtrade's .json/.json.gz candle files; Binance's kline dumps
                    (ETHBTC-1m-2024-01.csv, monthly or daily; the files of one series are joined)
  --symbol, --timeframe  for files whose names do not say them
  --strategy NAME   ema-crossover (default), rsi-mean-reversion, model, llm, or a path to a strategy module
  --checkpoint FILE the model strategy's ONNX checkpoint, model-card.json beside it (default models/default/model.onnx)
  --config FILE     a JSON backtest config (risk limits, strategy params, balances, markets)
  --out DIR         where report.json and report.html go (default out/backtest)
  --shadow-only     run the main strategy as a shadow: it decides and records on a virtual book, no order is sent
  --llm-replay FILE with --strategy llm: the model's answers from calls recorded by npm start -- --llm-record,
                    found by the prompt's hash (no model is called)
  --llm-missing     a prompt with no recorded answer: error stops the backtest (default), skip proposes nothing`;

export interface BacktestCliDefaults {
  readonly data?: readonly string[];
  readonly out: string;
}

/** `npm run backtest` and the demo behind `npm start`: parse, run, report; sets the exit code. */
export async function backtestCli(args: readonly string[], defaults: BacktestCliDefaults): Promise<void> {
  try {
    await run(args, defaults);
  } catch (error: unknown) {
    const known = error instanceof TraderError || (error instanceof TypeError && 'code' in error);
    console.error(known ? `backtest: ${error.message}\n\n${USAGE}` : error);
    process.exitCode = 1;
  }
}

async function run(args: readonly string[], defaults: BacktestCliDefaults): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      data: { type: 'string', multiple: true },
      strategy: { type: 'string' },
      checkpoint: { type: 'string' },
      config: { type: 'string' },
      out: { type: 'string', default: defaults.out },
      symbol: { type: 'string' },
      timeframe: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      'shadow-only': { type: 'boolean', default: false },
      'llm-replay': { type: 'string' },
      'llm-missing': { type: 'string', default: 'error' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const config = await loadBacktestConfig(values.config, {
    ...(values.strategy === undefined ? {} : { strategy: values.strategy }),
    ...(values.checkpoint === undefined ? {} : { checkpoint: values.checkpoint }),
  });
  const missing = values['llm-missing'];
  if (missing !== 'error' && missing !== 'skip') throw new InvalidInputError('--llm-missing', `"${missing}" is not error or skip`);
  const replay = values['llm-replay'];
  let progress: ReturnType<typeof createProgress> | undefined;
  const { result } = await runBacktest({
    ...(replay !== undefined ? { strategyServices: replayServices(replay, missing) } : {}),
    dataFiles: values.data ?? defaults.data ?? [],
    naming: parseNaming(values.symbol, values.timeframe),
    config,
    shadowOnly: values['shadow-only'],
    onProgress: (done, total, equity) => {
      progress ??= createProgress(total, { label: 'backtest' });
      progress.update(done, { equity: equity.toPrecision(8) });
    },
  });
  progress?.stop();
  const { report, htmlPath, jsonPath } = await writeReport(values.out, result);
  console.log(summaryLine(report));
  for (const line of bookLines(report)) console.log(line);
  console.log(`report: ${htmlPath} (data: ${jsonPath})`);
}

/** `--symbol` and `--timeframe`, for files whose names do not say them. */
export function parseNaming(symbol: string | undefined, timeframe: string | undefined): CandleFileNaming {
  if (timeframe === undefined) return { symbol };
  const parsed = TimeframeSchema.safeParse(timeframe);
  if (!parsed.success) throw new InvalidInputError('--timeframe', `${JSON.stringify(timeframe)} is not one of ${TIMEFRAMES.join(', ')}`);
  return { symbol, timeframe: parsed.data };
}
