import { createInterface } from 'node:readline/promises';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { InvalidInputError, TraderError } from '../../domain/errors.js';
import { createSsmClient } from '../../adapters/ssm/createSsmClient.js';
import { parseNaming } from '../backtest/cli.js';
import { loadBacktestConfig } from '../backtest/loadBacktestConfig.js';
import { OBJECTIVES, type Objective } from './objectives.js';
import { type OptimizeSettings, optimizeSearch } from './optimizeSearch.js';
import { promoteRun } from './promoteRun.js';
import { loadSearchSpace } from './searchSpace.js';
import { connectOptimizer } from './distributed/connectOptimizer.js';
import { runDistributedSearch } from './distributed/runDistributedSearch.js';
import { showRoundProgress } from './distributed/roundProgress.js';
import { describeWinner } from './describeWinner.js';

const USAGE = `usage: npm run optimize -- --data FILE… --strategy NAME [--space FILE] [--method random|tpe] [--trials N]
                    [--folds K] [--objective sharpe|calmar|profit|expectancy] [--workers N] [--out DIR]
                    [--config FILE] [--seed N] [--symbol BASE/QUOTE] [--timeframe TF]
       npm run optimize -- --aws --bot BOT_ID [--region R] [--batch N] [--rounds N] …the search flags…
       npm run optimize -- promote RUN_ID --parameter NAME [--out DIR] [--region R] [--yes]

  --data FILE      candle files, as for npm run backtest (repeat the flag)
  --strategy NAME  ema-crossover or rsi-mean-reversion
  --space FILE     JSON: {"strategy": {"fastPeriod": {"type": "int", "min": 3, "max": 30}, …},
                   "risk": {"riskPerTradePct": {"type": "float", "min": 0.002, "max": 0.03, "log": true}}};
                   each built-in strategy has a default space
  --method         random or tpe (default tpe); poor trials stop early (successive halving)
  --folds K        walk-forward folds (default 4): the data cut in K+1 windows, fold k trains on k and is scored on k+1
  --workers N      worker threads (default: the cores)
  --out DIR        runs go to DIR/RUN_ID (default out/optimize); the same command again resumes its run
  --aws            runs the trials on the bot's deployed Optimizer (cdk deploy -c optimizer=true), a Step
                   Functions Distributed Map: candles and items to S3, one Lambda task per --batch parameter
                   sets (default 10) × every window, --rounds executions (default 1 for random, 4 for tpe);
                   every trial runs all its windows (no early stopping); results land in the same
                   trials.jsonl and report.html. --state-machine ARN --bucket NAME instead of --bot.
  promote RUN_ID   writes the run's winner to the runtime-config SSM parameter, after showing its
                   out-of-sample record and asking (or with --yes)`;

export async function optimizeCli(args: readonly string[]): Promise<void> {
  try {
    if (args[0] === 'promote') await promote(args.slice(1));
    else await search(args);
  } catch (error: unknown) {
    const known = error instanceof TraderError || (error instanceof TypeError && 'code' in error);
    console.error(known ? `optimize: ${error.message}\n\n${USAGE}` : error);
    process.exitCode = 1;
  }
}

async function search(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      data: { type: 'string', multiple: true },
      strategy: { type: 'string', default: 'ema-crossover' },
      space: { type: 'string' },
      method: { type: 'string', default: 'tpe' },
      trials: { type: 'string', default: '100' },
      folds: { type: 'string', default: '4' },
      objective: { type: 'string', default: 'sharpe' },
      workers: { type: 'string', default: String(cpus().length) },
      out: { type: 'string', default: 'out/optimize' },
      config: { type: 'string' },
      seed: { type: 'string', default: '1' },
      symbol: { type: 'string' },
      timeframe: { type: 'string' },
      aws: { type: 'boolean' },
      bot: { type: 'string' },
      region: { type: 'string' },
      batch: { type: 'string', default: '10' },
      rounds: { type: 'string' },
      'state-machine': { type: 'string' },
      bucket: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return console.log(USAGE);
  if (!values.data?.length) throw new InvalidInputError('--data', 'at least one candle file is needed');
  if (values.method !== 'random' && values.method !== 'tpe') throw new InvalidInputError('--method', `${JSON.stringify(values.method)} is not random or tpe`);
  if (!(OBJECTIVES as readonly string[]).includes(values.objective)) throw new InvalidInputError('--objective', `${JSON.stringify(values.objective)} is not one of ${OBJECTIVES.join(', ')}`);
  const config = await loadBacktestConfig(values.config, { strategy: values.strategy });
  const settings: OptimizeSettings = {
    files: values.data,
    naming: parseNaming(values.symbol, values.timeframe),
    config,
    space: await loadSearchSpace(values.space, values.strategy),
    method: values.method,
    trials: positiveInt(values.trials, '--trials', 1),
    folds: positiveInt(values.folds, '--folds', 1),
    objective: values.objective as Objective,
    workers: positiveInt(values.workers, '--workers', 1),
    seed: positiveInt(values.seed, '--seed', 0),
    outDir: values.out,
  };
  const outcome = values.aws
    ? await runDistributedSearch({
        ...settings,
        ...(await connectOptimizer({ botId: values.bot, region: values.region, stateMachineArn: values['state-machine'], bucket: values.bucket })),
        batchSize: positiveInt(values.batch, '--batch', 1),
        rounds: positiveInt(values.rounds ?? (values.method === 'tpe' ? '4' : '1'), '--rounds', 1),
        onProgress: showRoundProgress(),
      })
    : await optimizeSearch(settings);
  const { summary } = outcome;
  const winner = summary.ranked[0];
  console.log(`run ${outcome.runId}: ${summary.trials} trials (${summary.done} complete, ${summary.pruned} pruned, ${summary.failed} refused) in ${outcome.seconds.toFixed(1)} s`);
  if ('workerCpuSeconds' in outcome && outcome.workerCpuSeconds !== undefined && outcome.workerCpuSeconds > 0) {
    const { candleEvaluations, seconds, workerCpuSeconds } = outcome;
    console.log(`throughput: ${candleEvaluations} candle evaluations, ${Math.round(candleEvaluations / seconds)}/s, ${Math.round(candleEvaluations / workerCpuSeconds)} per worker CPU second, ${(workerCpuSeconds / seconds).toFixed(2)} cores kept busy`);
  }
  if (winner) console.log(describeWinner(winner));
  console.log(`report: ${outcome.runDir}/report.html; promote with: npm run optimize -- promote ${outcome.runId} --parameter /BOT_ID/runtime-config`);
}

async function promote(args: readonly string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { parameter: { type: 'string' }, out: { type: 'string', default: 'out/optimize' }, region: { type: 'string' }, yes: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const runId = positionals[0];
  if (runId === undefined) throw new InvalidInputError('RUN_ID', 'is required');
  if (values.parameter === undefined) throw new InvalidInputError('--parameter', 'is required (the runtime-config parameter, /BOT_ID/runtime-config)');
  const written = await promoteRun({
    runId,
    outDir: values.out,
    parameterName: values.parameter,
    client: createSsmClient(values.region === undefined ? {} : { region: values.region }),
    confirm: async (record) => {
      console.log(record);
      if (values.yes) return true;
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return (await rl.question(`write this to ${values.parameter}? type the run id to confirm: `)).trim() === runId;
      } finally {
        rl.close();
      }
    },
  });
  console.log(written ? `promoted ${runId} to ${values.parameter}` : 'not promoted');
}

function positiveInt(text: string, flag: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new InvalidInputError(flag, `${JSON.stringify(text)} is not a whole number of at least ${min}`);
  return value;
}
