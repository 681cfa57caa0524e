import { join } from 'node:path';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { synthesizeReconcileAsl } from '../../../cdk/reconcileAsl.js';
import { DynamoDbTelemetryStore } from '../../adapters/dynamodb/DynamoDbTelemetryStore.js';
import { type TableNames, tableNamesWithPrefix } from '../../adapters/dynamodb/tableDefinitions.js';
import type { BotConfig } from '../../domain/botConfig.js';
import { dec, toDecimalString } from '../../domain/decimal.js';
import { InvalidInputError } from '../../domain/errors.js';
import { splitSymbol } from '../../domain/market.js';
import { timeframeMs } from '../../domain/candle.js';
import { priceAt } from '../../domain/candlePrice.js';
import { equityQuoteCurrency } from '../../services/portfolio/valueEquity.js';
import { silentLogger } from '../../ports/Logger.js';
import { type CandleSeries, loadCandleFile } from '../../runtime/backtest/loadCandleFile.js';
import type { BacktestReport } from '../../runtime/backtest/report/BacktestReport.js';
import { writeReport } from '../../runtime/backtest/report/writeReport.js';
import { DEFAULT_CHECKPOINT, readCheckpointCard } from '../../strategy/model/loadCheckpoint.js';
import { trainingOverlapWarning } from '../../strategy/model/trainingOverlap.js';
import { DEFAULT_LOCAL_BOTS_DIR } from '../bots/localBotRegistry.js';
import type { LlmRuntimeOverrides } from '../../runtime/lambda/LambdaRuntime.js';
import { LLM_STRATEGY_NAME, parseLlmParams } from '../../strategy/llm/createLlmStrategy.js';
import { DynamoDbLocal } from '../DynamoDbLocal.js';
import { LoopbackModelServer } from '../llm/LoopbackModelServer.js';
import { type ExchangeSimulator, type FillModel, PAPER_FILLS, STRICT_FILLS, startExchangeSimulator } from '../exchange-sim/index.js';
import type { ReconciliationRun } from '../runReconciliation.js';
import { LocalBot, type RunOptions } from '../runtime/LocalBot.js';
import { type LocalMarket, publicMarket, simulatedMarket } from '../runtime/LocalMarket.js';
import { localRunResult } from '../runtime/localRunResult.js';
import { localShadowResults } from '../runtime/localShadowResults.js';
import { readLocalLedger } from '../runtime/readLocalLedger.js';
import { scheduledEvent } from '../runtime/scheduledEvents.js';
import { loadLocalBotConfig } from './loadLocalBotConfig.js';
import type { StartArgs } from './parseStartArgs.js';
import { type RunWindow, runWindow } from './runWindow.js';

export interface LocalSessionOptions {
  readonly args: StartArgs;
  /** A DynamoDB Local already running with the bot's tables created (tests); else one is started and stopped here. */
  readonly dynamo?: { readonly endpoint: string; readonly tables: TableNames };
  /** Where running local bots register for `npm run kill-switch`. @default DEFAULT_LOCAL_BOTS_DIR */
  readonly botsDir?: string;
  /** @default 'info' */
  readonly logLevel?: string;
  /**
   * The simulator's fills. @default PAPER_FILLS, as the backtest fills, so `npm start` and
   * `npm run backtest` trade the same plans by default; STRICT_FILLS with `--strict-fills`.
   */
  readonly simFills?: FillModel;
  /** The bot's notifications, sent to a loopback Telegram Bot API, each handed here. @default none sent */
  readonly onNotification?: (text: string) => void;
}

export interface WrittenReport {
  readonly report: BacktestReport;
  readonly htmlPath: string;
  readonly jsonPath: string;
}

/** The default market when --public-data names no symbols in --config. */
const PUBLIC_DEFAULT = { symbols: [{ symbol: 'BTC/USDT', timeframe: '5m' }], balances: { USDT: '1000' } };

/**
 * One `npm start` run: DynamoDB Local, the market (simulator or real public data), the bot,
 * and at the end its report. open() builds it; run() runs the schedules; finish() writes
 * the report; close() stops everything it started, whatever happened before.
 */
export class LocalSession {
  private readonly startedAt = Date.now();

  private constructor(
    readonly bot: LocalBot,
    readonly window: RunWindow,
    readonly series: readonly CandleSeries[],
    readonly startingBalances: Readonly<Record<string, string>>,
    readonly outDir: string,
    readonly sim: ExchangeSimulator | undefined,
    private readonly ownDynamo: DynamoDbLocal | undefined,
    readonly model: LoopbackModelServer | undefined,
  ) {}

  static async open(options: LocalSessionOptions): Promise<LocalSession> {
    const { args } = options;
    const series = await Promise.all(args.data.map((file) => loadCandleFile(file)));
    const config = await configFor(args, series);
    const window = args.publicExchange === undefined ? runWindow(series, config.windowSize, args.hours) : wallClockWindow(args.hours);
    const balances = config.paperBalances ?? {};
    const reconcileAsl = synthesizeReconcileAsl() as unknown as StateMachineDefinition;
    let ownDynamo: DynamoDbLocal | undefined;
    let sim: ExchangeSimulator | undefined;
    let model: LoopbackModelServer | undefined;
    try {
      let dynamo = options.dynamo;
      if (dynamo === undefined) {
        const tables = tableNamesWithPrefix(config.botId);
        ownDynamo = await DynamoDbLocal.start({ botTables: tables, stopOnSignals: false });
        dynamo = { endpoint: ownDynamo.endpoint, tables };
      }
      let market: LocalMarket;
      if (args.publicExchange === undefined) {
        // The venue's spread is the backtest's paper slippage, so both fill at the same prices.
        sim = await startExchangeSimulator({
          series,
          balances,
          startTime: window.from,
          spreadPct: dec(config.execution.paperSlippagePct).times(100).toFixed(),
          fills: options.simFills ?? (args.strictFills ? STRICT_FILLS : PAPER_FILLS),
        });
        market = simulatedMarket(sim, silentLogger);
      } else {
        market = publicMarket(args.publicExchange, silentLogger);
      }
      if (args.llmRecord !== undefined && config.strategy.name !== LLM_STRATEGY_NAME) throw new InvalidInputError('--llm-record', 'records the llm strategy\'s calls: add --strategy llm');
      // The llm strategy asks the loopback model, in whichever wire format its provider speaks.
      if (config.strategy.name === LLM_STRATEGY_NAME) model = await LoopbackModelServer.start();
      const bot = await LocalBot.start({
        config,
        market,
        dynamo,
        reconcileAsl,
        runDir: args.out,
        botsDir: options.botsDir ?? DEFAULT_LOCAL_BOTS_DIR,
        ...(options.logLevel !== undefined ? { logLevel: options.logLevel } : {}),
        ...(options.onNotification !== undefined ? { onNotification: options.onNotification } : {}),
        ...(model !== undefined ? { llm: localModel(model.urlFor(parseLlmParams(config.strategy.params).provider), args.llmRecord) } : {}),
      });
      return new LocalSession(bot, window, series, balances, args.out, sim, ownDynamo, model);
    } catch (error) {
      await model?.close();
      await sim?.stop();
      await ownDynamo?.stop();
      throw error;
    }
  }

  get config(): BotConfig {
    return this.bot.config;
  }

  /** Reconciliation once at start, as a deployment starts it. */
  reconcileAtStart(): Promise<ReconciliationRun | undefined> {
    return this.bot.reconcile('start');
  }

  run(options: RunOptions): Promise<'reachedEnd' | 'stopped'> {
    return this.bot.runUntil(this.window.to, options);
  }

  /** A last heartbeat (the final equity), then the report from the ledger, the log and the venue's balances. */
  async finish(): Promise<WrittenReport> {
    const { bot } = this;
    await bot.functions.invoke('heartbeat', scheduledEvent(`${bot.config.botId}-heartbeat`, bot.clock.now()));
    const ledger = await readLocalLedger(bot.dynamo, bot.tables);
    const to = bot.clock.now();
    const shadows = await localShadowResults(bot.dynamo, bot.tables, bot.config, {
      startingEquity: toDecimalString(bot.telemetry.equity[0]?.[1] ?? 0),
      quoteCurrency: equityQuoteCurrency(bot.config.symbols),
      startPrices: pricesAt(this.series, this.window.from),
      prices: pricesAt(this.series, to),
    });
    const result = localRunResult(bot, ledger, {
      dataFiles: this.series.map((s) => s.file),
      series: this.series,
      from: this.window.from,
      to,
      gaps: this.window.gaps,
      startingBalances: this.startingBalances,
      finalBalances: await this.finalBalances(),
      durationMs: Date.now() - this.startedAt,
      shadows,
    });
    const { strategy } = bot.config;
    const leakage = strategy.name === 'model' ? trainingOverlapWarning(await readCheckpointCard(strategy.checkpoint), strategy.checkpoint ?? DEFAULT_CHECKPOINT, result.from, result.to) : undefined;
    return writeReport(this.outDir, leakage === undefined ? result : { ...result, warnings: [...(result.warnings ?? []), leakage] });
  }

  async close(): Promise<void> {
    await this.bot.stop().catch(() => undefined);
    await this.model?.close();
    await this.ownDynamo?.stop();
  }

  get logPath(): string {
    return join(this.outDir, 'bot.log');
  }

  /** The simulator's account in live mode; the paper venue's, as heartbeat last valued it, in paper mode. */
  private async finalBalances(): Promise<Record<string, string>> {
    if (this.sim && this.config.mode === 'live') {
      return Object.fromEntries(Object.entries(this.sim.balances()).map(([asset, { free, locked }]) => [asset, toDecimalString(dec(free).plus(locked))]));
    }
    const telemetry = new DynamoDbTelemetryStore({ client: this.bot.dynamo, tables: this.bot.tables, retentionDays: this.config.retentionDays.telemetry });
    return { ...((await telemetry.latestEquitySnapshot())?.balances ?? {}) };
  }
}

async function configFor(args: StartArgs, series: readonly CandleSeries[]): Promise<BotConfig> {
  const fromData = series.map(({ symbol, timeframe }) => ({ symbol, timeframe }));
  const symbols = args.publicExchange === undefined ? fromData : PUBLIC_DEFAULT.symbols;
  const quote = splitSymbol(symbols[0]?.symbol ?? 'BTC/USDT').quote;
  const config = await loadLocalBotConfig(args.config, {
    symbols,
    balances: args.publicExchange === undefined ? { [quote]: '1' } : PUBLIC_DEFAULT.balances,
    ...(args.strategy !== undefined ? { strategy: args.strategy } : {}),
    ...(args.checkpoint !== undefined ? { checkpoint: args.checkpoint } : {}),
    ...(args.mode !== undefined ? { mode: args.mode } : {}),
    ...(args.publicExchange !== undefined ? { exchangeId: args.publicExchange } : {}),
  });
  if (args.publicExchange === undefined) {
    const given = new Set(fromData.map((s) => `${s.symbol} ${s.timeframe}`));
    const missing = config.symbols.filter((s) => !given.has(`${s.symbol} ${s.timeframe}`));
    if (missing.length > 0) throw new InvalidInputError('--data', `no file for ${missing.map((s) => `${s.symbol} ${s.timeframe}`).join(', ')}: the simulator replays only the files given`);
  }
  return config;
}

/** The loopback model for both providers: Bedrock's client signs with stand-in keys, which it takes. */
function localModel(endpoint: string, recordFile: string | undefined): LlmRuntimeOverrides {
  return { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, ...(recordFile !== undefined ? { recordFile } : {}) };
}

/** Each symbol's price at `time` from its finest series (none with public data). */
function pricesAt(series: readonly CandleSeries[], time: number): Map<string, number> {
  const finest = new Map<string, CandleSeries>();
  for (const s of series) {
    const known = finest.get(s.symbol);
    if (known === undefined || timeframeMs(s.timeframe) < timeframeMs(known.timeframe)) finest.set(s.symbol, s);
  }
  const prices = new Map<string, number>();
  for (const [symbol, s] of finest) {
    const price = priceAt(s.candles, timeframeMs(s.timeframe), time);
    if (price !== undefined) prices.set(symbol, price);
  }
  return prices;
}

function wallClockWindow(hours: number): RunWindow {
  const from = Date.now();
  return { from, to: from + hours * 3_600_000, gaps: 0 };
}
