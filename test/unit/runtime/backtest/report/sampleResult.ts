import type { BacktestResult, ClosedTrade, EquityCurve } from '../../../../../lib/runtime/backtest/report/BacktestResult.js';

export const T0 = Date.UTC(2024, 0, 1);
export const MINUTE = 60_000;

export function curveOf(values: readonly number[], stepMs = MINUTE): EquityCurve {
  return {
    times: Float64Array.from(values, (_, i) => T0 + i * stepMs),
    equity: Float64Array.from(values),
    length: values.length,
  };
}

export function trade(overrides: Partial<ClosedTrade> = {}): ClosedTrade {
  return {
    planId: 'plan-1',
    symbol: 'ETH/BTC',
    side: 'long',
    openedAt: T0 + 10 * MINUTE,
    closedAt: T0 + 25 * MINUTE,
    amount: '0.5',
    avgEntryPrice: '0.05',
    avgExitPrice: '0.051',
    feesPaid: '0.0000505',
    realizedPnl: '0.0004495',
    exitReason: 'target',
    reason: 'ema 9 crossed above ema 21',
    ...overrides,
  };
}

export function sampleResult(overrides: Partial<BacktestResult> = {}): BacktestResult {
  return {
    run: 'backtest',
    dataFiles: ['binance/ETHBTC-1m-2024-01.csv'],
    strategy: 'ema-crossover',
    symbols: ['ETH/BTC'],
    timeframe: '1m',
    candles: 5,
    gaps: 0,
    from: T0,
    to: T0 + 4 * MINUTE,
    quoteCurrency: 'BTC',
    startingEquity: '1',
    finalEquity: '0.98765',
    startingBalances: { BTC: '1', ETH: '0' },
    finalBalances: { BTC: '0.98765', ETH: '0' },
    feesPaid: '0.00123',
    realizedPnl: '-0.01235',
    trades: [trade(), trade({ planId: 'plan-2', realizedPnl: '-0.0128', exitReason: 'stop' })],
    openPlans: 1,
    rejections: { reward_to_risk: 3, cooldown: 1 },
    decisions: 5,
    ordersSent: 4,
    equityCurve: curveOf([1, 1.01, 0.99, 1.02, 0.98765]),
    buyAndHoldEquity: new Float64Array(0),
    prices: [],
    equityIntervalMs: MINUTE,
    durationMs: 812,
    ...overrides,
  };
}
