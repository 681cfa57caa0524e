import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../../lib/domain/errors.js';
import { buildReport } from '../../../../../lib/runtime/backtest/report/buildReport.js';
import { curveOf, MINUTE, sampleResult, T0 } from './sampleResult.js';

const isDecimalString = (v: unknown): boolean => typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v);
const isIso = (v: unknown): boolean => typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(v);

describe('Function: buildReport', () => {
  it('has every required field with the right type', () => {
    // Act
    const report = buildReport(sampleResult());

    // Assess
    for (const key of ['candles', 'trades', 'totalReturnPct', 'maxDrawdownPct', 'sharpe', 'winRatePct', 'durationMs', 'gaps', 'openPlans', 'decisions', 'ordersSent'] as const) {
      expect(typeof report[key], key).toBe('number');
      expect(Number.isFinite(report[key]), key).toBe(true);
    }
    for (const key of ['feesPaid', 'finalEquity', 'startingEquity', 'realizedPnl'] as const) {
      expect(isDecimalString(report[key]), key).toBe(true);
    }
    for (const key of ['quoteCurrency', 'strategy', 'timeframe'] as const) expect(typeof report[key], key).toBe('string');
    expect(isIso(report.from)).toBe(true);
    expect(isIso(report.to)).toBe(true);
    expect(Array.isArray(report.symbols)).toBe(true);
    expect(report.startingBalances).toEqual({ BTC: '1', ETH: '0' });
    expect(report.finalBalances).toEqual({ BTC: '0.98765', ETH: '0' });
    expect(report.rejections).toEqual({ reward_to_risk: 3, cooldown: 1 });
    expect(Array.isArray(report.tradeList)).toBe(true);
    expect(Array.isArray(report.equityCurve)).toBe(true);
  });

  it('computes the statistics from the result', () => {
    const report = buildReport(sampleResult());
    expect(report).toMatchObject({
      candles: 5,
      trades: 2,
      totalReturnPct: -1.235,
      winRatePct: 50,
      feesPaid: '0.00123',
      finalEquity: '0.98765',
      durationMs: 812,
      from: '2024-01-01T00:00:00.000Z',
      to: '2024-01-01T00:04:00.000Z',
    });
    // peak 1.02 → 0.98765: (1.02 − 0.98765) / 1.02 × 100
    expect(report.maxDrawdownPct).toBeCloseTo(((1.02 - 0.98765) / 1.02) * 100, 12);
    // Returns of 1 → 1.01 → 0.99 → 1.02 → 0.98765, one a minute: mean / sample stdev × √525600
    expect(report.sharpe).toBeCloseTo(-72.09154818551724, 10);
  });

  it('annualises Sharpe by the time between equity points, whatever the timeframes', () => {
    const report = buildReport(sampleResult({ timeframe: '1m,5m', equityIntervalMs: 5 * MINUTE }));

    expect(report.timeframe).toBe('1m,5m');
    // The same returns, one every 5 minutes: √5 fewer periods a year than one a minute
    expect(report.sharpe).toBeCloseTo(-72.09154818551724 / Math.sqrt(5), 10);
    expect(report.sharpe).toBeCloseTo(-32.24032046920364, 10);
  });

  it('rejects a result whose equity interval is not positive', () => {
    expect(() => buildReport(sampleResult({ equityIntervalMs: 0 }))).toThrow(InvalidInputError);
  });

  it('lists each closed trade with ISO times', () => {
    const report = buildReport(sampleResult());
    expect(report.tradeList).toHaveLength(2);
    expect(report.tradeList[0]).toEqual({
      planId: 'plan-1',
      symbol: 'ETH/BTC',
      side: 'long',
      openedAt: '2024-01-01T00:10:00.000Z',
      closedAt: '2024-01-01T00:25:00.000Z',
      amount: '0.5',
      avgEntryPrice: '0.05',
      avgExitPrice: '0.051',
      feesPaid: '0.0000505',
      realizedPnl: '0.0004495',
      exitReason: 'target',
      reason: 'ema 9 crossed above ema 21',
    });
  });

  it('writes the equity curve as [timeMs, equity] pairs', () => {
    const report = buildReport(sampleResult({ equityCurve: curveOf([1, 2]) }));
    expect(report.equityCurve).toEqual([
      [T0, 1],
      [T0 + 60_000, 2],
    ]);
  });

  it('writes buy and hold at the equity curve times, and its return beside the total return', () => {
    // Prepare: 1 BTC held as ETH bought at 0.05 is worth 1.2 BTC when ETH closes at 0.06
    const result = sampleResult({ equityCurve: curveOf([1, 0.99, 1.05]), buyAndHoldEquity: Float64Array.of(1, 1.1, 1.2) });

    // Act
    const report = buildReport(result);

    // Assess
    expect(report.buyAndHoldCurve).toEqual([
      [T0, 1],
      [T0 + MINUTE, 1.1],
      [T0 + 2 * MINUTE, 1.2],
    ]);
    expect(report.buyAndHoldReturnPct).toBe(20);
    expect(report.totalReturnPct).toBe(-1.235);
  });

  it('thins buy and hold at the points it keeps of the equity curve', () => {
    const equity = Array.from({ length: 10_000 }, (_, i) => 1 + Math.sin(i / 50) / 10);
    const report = buildReport(sampleResult({ equityCurve: curveOf(equity), buyAndHoldEquity: Float64Array.from(equity, (_, i) => i) }));
    expect(report.buyAndHoldCurve.map(([t]) => t)).toEqual(report.equityCurve.map(([t]) => t));
    expect(report.buyAndHoldCurve.map(([t, v]) => (t - T0) / MINUTE - v)).toEqual(report.buyAndHoldCurve.map(() => 0));
  });

  it('has no buy and hold without candle data', () => {
    const report = buildReport(sampleResult());
    expect(report.buyAndHoldCurve).toEqual([]);
    expect(report.buyAndHoldReturnPct).toBeNull();
  });

  it('writes each symbol price series', () => {
    const prices = [{ symbol: 'ETH/BTC', times: [T0 + MINUTE, T0 + 2 * MINUTE], closes: [0.05, 0.06] }];
    expect(buildReport(sampleResult({ prices })).prices).toEqual(prices);
  });

  it('survives a JSON round trip unchanged', () => {
    const report = buildReport(sampleResult({ buyAndHoldEquity: Float64Array.of(1, 1.1, 1.2, 1.1, 1), prices: [{ symbol: 'ETH/BTC', times: [T0], closes: [0.05] }] }));
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('handles a run without trades or candles', () => {
    const report = buildReport(sampleResult({ trades: [], equityCurve: curveOf([]), candles: 0 }));
    expect(report).toMatchObject({ trades: 0, winRatePct: 0, maxDrawdownPct: 0, sharpe: 0, tradeList: [], equityCurve: [] });
  });
});
