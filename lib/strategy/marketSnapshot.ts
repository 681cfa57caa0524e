import { ATR, EMA, RSI } from 'trading-signals';
import { type Candle, type Timeframe, timeframeMs } from '../domain/candle.js';
import type { CandleWindow } from '../domain/candleWindow.js';
import type { ExitReason, Plan, PlanSide, PlanStatus } from '../domain/plan.js';

/** One candle as the snapshot carries it: open time and OHLCV. */
export type SnapshotCandle = readonly [openTime: number, open: number, high: number, low: number, close: number, volume: number];

export interface SnapshotIndicators {
  readonly ema12: number | null;
  readonly ema26: number | null;
  readonly rsi14: number | null;
  readonly atr14: number | null;
}

export interface SnapshotPlan {
  readonly symbol: string;
  readonly side: PlanSide;
  readonly status: PlanStatus;
  readonly entry: string;
  readonly stop: string;
  readonly target: string;
  readonly amount: string | null;
}

export interface SnapshotTrade {
  readonly symbol: string;
  readonly side: PlanSide;
  readonly entry: string;
  readonly exit: string | null;
  readonly exitReason: ExitReason | null;
  readonly realizedPnl: string | null;
  readonly closedAt: number | null;
}

/**
 * What the market and the bot look like at one candle's close, in one plain value: what a
 * strategy that reasons over the whole picture (a language model) is handed.
 */
export interface MarketSnapshot {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** The newest candles of each configured timeframe of the symbol the decision holds, newest last. */
  readonly candles: Readonly<Partial<Record<Timeframe, readonly SnapshotCandle[]>>>;
  /** Over the decided timeframe's whole window; null until the window holds enough candles. */
  readonly indicators: SnapshotIndicators;
  readonly lastPrice: number;
  /** (ask - bid) / mid where a quote is known; candles alone carry none. */
  readonly spreadFraction: number | null;
  readonly openPlans: readonly SnapshotPlan[];
  readonly balances: Readonly<Record<string, string>>;
  /** Plans this process saw close, newest last. */
  readonly recentTrades: readonly SnapshotTrade[];
}

export interface MarketSnapshotSource {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly window: CandleWindow;
  readonly openPlans: readonly Plan[];
  readonly balances: Readonly<Record<string, string>>;
  readonly recentClosedPlans?: readonly Plan[];
}

export interface MarketSnapshotOptions {
  /** Candles of the window the snapshot carries (the indicators see the whole window). @default 30 */
  readonly candles?: number;
  /** Closed trades carried. @default 5 */
  readonly trades?: number;
  /** The candles of the symbol's other configured timeframes closed by the decided candle's close, oldest first; the newest `candles` of each are carried. */
  readonly otherTimeframes?: Readonly<Partial<Record<Timeframe, readonly Candle[]>>>;
}

/** The snapshot of a strategy's context: pure, and read only by the strategies that ask for it. */
export function buildMarketSnapshot(source: MarketSnapshotSource, options: MarketSnapshotOptions = {}): MarketSnapshot {
  const { window } = source;
  const keep = Math.min(options.candles ?? 30, window.length);
  const decided: SnapshotCandle[] = [];
  for (let i = window.length - keep; i < window.length; i++) decided.push(toRow(window.at(i)));
  const trades = options.trades ?? 5;
  return {
    symbol: source.symbol,
    timeframe: source.timeframe,
    candles: candlesByTimeframe(source.timeframe, decided, options.otherTimeframes, options.candles ?? 30),
    indicators: indicatorsOf(window),
    lastPrice: window.length > 0 ? window.last().close : NaN,
    spreadFraction: null,
    openPlans: source.openPlans.map(toSnapshotPlan),
    balances: source.balances,
    recentTrades: trades > 0 ? (source.recentClosedPlans ?? []).slice(-trades).map(toSnapshotTrade) : [],
  };
}

/** Each timeframe's rows, shortest timeframe first, so the same candles always print alike. */
function candlesByTimeframe(
  timeframe: Timeframe,
  decided: readonly SnapshotCandle[],
  others: Readonly<Partial<Record<Timeframe, readonly Candle[]>>> | undefined,
  keep: number,
): Partial<Record<Timeframe, readonly SnapshotCandle[]>> {
  const rows = new Map<Timeframe, readonly SnapshotCandle[]>([[timeframe, decided]]);
  for (const [other, candles] of Object.entries(others ?? {}) as [Timeframe, readonly Candle[]][]) {
    if (other !== timeframe && candles.length > 0) rows.set(other, candles.slice(-keep).map(toRow));
  }
  return Object.fromEntries([...rows].sort(([a], [b]) => timeframeMs(a) - timeframeMs(b)));
}

function toRow(candle: Candle): SnapshotCandle {
  return [candle.openTime, candle.open, candle.high, candle.low, candle.close, candle.volume];
}

function indicatorsOf(window: CandleWindow): SnapshotIndicators {
  const ema12 = new EMA(12);
  const ema26 = new EMA(26);
  const rsi14 = new RSI(14);
  const atr14 = new ATR(14);
  let values: (number | null)[] = [null, null, null, null];
  for (let i = 0; i < window.length; i++) {
    const candle = window.at(i);
    values = [ema12.add(candle.close), ema26.add(candle.close), rsi14.add(candle.close), atr14.add(candle)].map((v) => (v === null || !Number.isFinite(v) ? null : rounded(v)));
  }
  const [e12, e26, rsi, atr] = values;
  return { ema12: e12 ?? null, ema26: e26 ?? null, rsi14: rsi ?? null, atr14: atr ?? null };
}

/** Eight significant digits: the prompt stays short and the same snapshot always prints alike. */
function rounded(value: number): number {
  return Number(value.toPrecision(8));
}

function toSnapshotPlan(plan: Plan): SnapshotPlan {
  return {
    symbol: plan.symbol,
    side: plan.side,
    status: plan.status,
    entry: plan.avgEntryPrice ?? plan.entry,
    stop: plan.activeStop ?? plan.stop,
    target: plan.target,
    amount: plan.filledAmount ?? plan.amount ?? null,
  };
}

function toSnapshotTrade(plan: Plan): SnapshotTrade {
  return {
    symbol: plan.symbol,
    side: plan.side,
    entry: plan.avgEntryPrice ?? plan.entry,
    exit: plan.avgExitPrice ?? null,
    exitReason: plan.exitReason ?? null,
    realizedPnl: plan.realizedPnl ?? null,
    closedAt: plan.closedAt ?? null,
  };
}
