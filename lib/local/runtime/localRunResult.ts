import { sum, toDecimalString } from '../../domain/decimal.js';
import type { CandleSeries } from '../../runtime/backtest/loadCandleFile.js';
import type { BacktestResult, ShadowResult } from '../../runtime/backtest/report/BacktestResult.js';
import { priceFigures } from '../../runtime/backtest/report/priceFigures.js';
import { toClosedTrade } from '../../runtime/backtest/toClosedTrade.js';
import { scoreCalibration } from '../../services/calibration/scoreCalibration.js';
import { equityQuoteCurrency } from '../../services/portfolio/valueEquity.js';
import type { LocalBot } from './LocalBot.js';
import type { LocalLedger } from './readLocalLedger.js';

export interface LocalRunFacts {
  readonly dataFiles: readonly string[];
  /** The candles the simulator replayed, for the price charts and buy and hold; none with public data. */
  readonly series: readonly CandleSeries[];
  readonly from: number;
  readonly to: number;
  /** Candles missing from the data between `from` and `to`. */
  readonly gaps: number;
  readonly startingBalances: Readonly<Record<string, string>>;
  readonly finalBalances: Readonly<Record<string, string>>;
  readonly durationMs: number;
  /** The shadows' virtual books (localShadowResults), beside the live one in the report. */
  readonly shadows?: readonly ShadowResult[];
}

/**
 * A local run in the backtest report's terms: trades, fees and PnL from the ledger (exact),
 * the equity curve from heartbeat's valuations (one point per heartbeat), decisions and
 * rejections from the functions' log lines.
 */
export function localRunResult(bot: LocalBot, ledger: LocalLedger, facts: LocalRunFacts): BacktestResult {
  const { config, telemetry } = bot;
  const closed = ledger.endedPlans.filter((plan) => plan.status === 'closed');
  const equity = telemetry.equity;
  const first = equity[0]?.[1];
  const last = equity.at(-1)?.[1];
  const startingEquity = first === undefined ? '0' : toDecimalString(first);
  const quoteCurrency = equityQuoteCurrency(config.symbols);
  const equityCurve: BacktestResult['equityCurve'] = {
    times: Float64Array.from(equity.map(([time]) => time)),
    equity: Float64Array.from(equity.map(([, value]) => value.toNumber())),
    length: equity.length,
  };
  return {
    run: `local ${config.mode}`,
    dataFiles: facts.dataFiles,
    strategy: config.strategy.name,
    symbols: [...new Set(config.symbols.map((s) => s.symbol))],
    timeframe: [...new Set(config.symbols.map((s) => s.timeframe))].join(','),
    candles: telemetry.decisionCount,
    gaps: facts.gaps,
    from: facts.from,
    to: facts.to,
    quoteCurrency,
    startingEquity,
    finalEquity: last === undefined ? '0' : toDecimalString(last),
    startingBalances: facts.startingBalances,
    finalBalances: facts.finalBalances,
    feesPaid: toDecimalString(sum([...ledger.livePlans, ...ledger.endedPlans].map((plan) => plan.feesPaid ?? '0'))),
    realizedPnl: toDecimalString(sum(closed.map((plan) => plan.realizedPnl ?? '0'))),
    trades: closed.map(toClosedTrade),
    openPlans: ledger.livePlans.length,
    rejections: Object.fromEntries(telemetry.rejections),
    decisions: telemetry.decisionCount,
    ordersSent: ledger.orders.length,
    equityCurve,
    ...priceFigures({
      series: facts.series.filter((s) => config.symbols.some((traded) => traded.symbol === s.symbol)),
      equityCurve,
      startingEquity,
      quoteCurrency,
      range: { from: facts.from, to: facts.to },
    }),
    equityIntervalMs: config.schedules.heartbeatMinutes * 60_000,
    durationMs: facts.durationMs,
    ...(facts.shadows !== undefined && facts.shadows.length > 0 ? { calibration: scoreCalibration(closed, closed.length), shadows: facts.shadows } : {}),
  };
}
