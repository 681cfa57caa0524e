import type { BacktestConfig } from '../../domain/config.js';
import { InvalidInputError } from '../../domain/errors.js';
import type { Market } from '../../domain/market.js';
import { isModelBacked } from '../../strategy/model/modelStrategy.js';
import { trainingOverlapWarning } from '../../strategy/model/trainingOverlap.js';
import { type StrategyServices, loadStrategy } from '../../strategy/registry.js';
import { BacktestEngine } from './BacktestEngine.js';
import { shadowStrategyConfig } from './BacktestShadow.js';
import { proposesNothing, shadowOnlyConfig } from './shadowOnly.js';
import { inferMarket } from './inferMarket.js';
import type { CandleFileNaming, CandleSeries } from './loadCandleFile.js';
import { loadCandleSeries } from './loadCandleSeries.js';
import type { BacktestResult } from './report/BacktestResult.js';

export interface RunBacktestOptions {
  readonly dataFiles: readonly string[];
  /** Names the files whose names do not say their symbol or timeframe. */
  readonly naming?: CandleFileNaming;
  readonly config: BacktestConfig;
  readonly onProgress?: (done: number, total: number, equity: number) => void;
  readonly telemetryCapacity?: number;
  /** Run the main strategy as a shadow (`--shadow-only`): it decides on a virtual book and the live book sends nothing. */
  readonly shadowOnly?: boolean;
  /** What a strategy that calls out is given (the llm strategy's recorded answers). */
  readonly strategyServices?: StrategyServices;
}

export interface BacktestRun {
  readonly result: BacktestResult;
  readonly engine: BacktestEngine;
}

/** Loads the data, the strategy and the markets, and replays the candles. */
export async function runBacktest(options: RunBacktestOptions): Promise<BacktestRun> {
  if (options.dataFiles.length === 0) throw new InvalidInputError('--data', 'at least one candle file is needed');
  const series = await loadCandleSeries(options.dataFiles, options.naming);
  const config = options.shadowOnly === true ? shadowOnlyConfig(options.config) : options.config;
  const main = await loadStrategy(config.strategy, options.strategyServices);
  const strategy = options.shadowOnly === true ? proposesNothing(main) : main;
  const shadows = await Promise.all(config.shadow.map(async (shadow) => ({ shadow, strategy: await loadStrategy(shadowStrategyConfig(shadow)) })));
  const markets = series.map((s) => marketFor(s, config));
  const quoteCurrency = singleQuote(markets);
  const startingBalances = config.startingBalances ?? { [quoteCurrency]: config.startingQuote };
  const engine = new BacktestEngine({
    series,
    markets,
    strategy,
    config,
    startingBalances,
    quoteCurrency,
    shadows,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.telemetryCapacity !== undefined ? { telemetryCapacity: options.telemetryCapacity } : {}),
  });
  const result = await engine.run();
  const leakage = isModelBacked(strategy) ? trainingOverlapWarning(strategy.checkpoint.card, strategy.checkpoint.path, result.from, result.to) : undefined;
  return { result: leakage === undefined ? result : { ...result, warnings: [...(result.warnings ?? []), leakage] }, engine };
}

export function marketFor(series: CandleSeries, config: BacktestConfig): Market {
  return config.markets.find((m) => m.symbol === series.symbol) ?? inferMarket(series.symbol, series.candles, config.feeRate);
}

export function singleQuote(markets: readonly Market[]): string {
  const quotes = [...new Set(markets.map((m) => m.quote))];
  if (quotes.length !== 1 || quotes[0] === undefined) {
    throw new InvalidInputError('--data', `all symbols must share one quote currency, got ${quotes.join(', ')}`);
  }
  return quotes[0];
}
