import type { BacktestConfig } from '../../domain/config.js';
import type { Market } from '../../domain/market.js';
import { createStrategy } from '../../strategy/registry.js';
import { BacktestEngine } from '../backtest/BacktestEngine.js';
import type { CandleSeries } from '../backtest/loadCandleFile.js';
import type { EquityCurve } from '../backtest/report/BacktestResult.js';
import { marketFor, singleQuote } from '../backtest/runBacktest.js';
import { type Objective, type WindowMetrics, windowMetrics } from './objectives.js';
import { type ParamSet, splitParams } from './searchSpace.js';
import { type TimeWindow, windowSeries } from './walkForward.js';

/** What every trial of a search shares: the candles, their markets, the base config. */
export interface SearchData {
  readonly series: readonly CandleSeries[];
  readonly markets: readonly Market[];
  readonly quoteCurrency: string;
  readonly config: BacktestConfig;
  readonly objective: Objective;
  readonly windows: readonly TimeWindow[];
}

export function prepareSearchData(series: readonly CandleSeries[], config: BacktestConfig, objective: Objective, windows: readonly TimeWindow[]): SearchData {
  const markets = series.map((s) => marketFor(s, config));
  return { series, markets, quoteCurrency: singleQuote(markets), config, objective, windows };
}

export type WindowOutcome = { readonly ok: true; readonly metrics: WindowMetrics; readonly curve?: EquityCurve } | { readonly ok: false; readonly error: string };

/** The config a trial runs with: the base config, the strategy's params and risk limits replaced by the trial's. */
export function trialConfig(base: BacktestConfig, params: ParamSet): BacktestConfig {
  const { strategy, risk } = splitParams(params);
  return { ...base, strategy: { name: base.strategy.name, params: { ...base.strategy.params, ...strategy } }, risk: { ...base.risk, ...risk } };
}

/**
 * One trial's parameters backtested over one window by the backtest's own engine (same fill
 * model, same money rules), with enough candles before the window for the strategy's warm-up.
 * Parameters the strategy's schema refuses make a failed outcome, not an exception.
 */
export async function evaluateWindow(data: SearchData, params: ParamSet, windowIndex: number, keepCurve = false): Promise<WindowOutcome> {
  const window = data.windows[windowIndex];
  if (window === undefined) throw new Error(`no window ${windowIndex}`);
  const config = trialConfig(data.config, params);
  let strategy;
  try {
    strategy = createStrategy(config.strategy);
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const history = Math.max(config.windowSize, strategy.warmupCandles + 1);
  const withHistory = { ...config, windowSize: history };
  const series = windowSeries(data.series, window, history).filter((s) => s.candles.length > history);
  if (series.length === 0) return { ok: false, error: `window ${windowIndex} has no candles after the warm-up` };
  const markets = series.map((s) => data.markets.find((m) => m.symbol === s.symbol) as Market);
  const engine = new BacktestEngine({
    series,
    markets,
    strategy,
    config: withHistory,
    startingBalances: config.startingBalances ?? { [data.quoteCurrency]: config.startingQuote },
    quoteCurrency: data.quoteCurrency,
    telemetryCapacity: 1,
    charts: false,
  });
  const result = await engine.run();
  return { ok: true, metrics: windowMetrics(result, data.objective), ...(keepCurve ? { curve: result.equityCurve } : {}) };
}
