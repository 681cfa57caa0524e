import { describe, expect, it } from 'vitest';
import { priceFigures } from '../../../../../lib/runtime/backtest/report/priceFigures.js';
import { candleSeriesOf } from './candleSeriesOf.js';
import { MINUTE, T0, curveOf } from './sampleResult.js';

describe('Function: priceFigures', () => {
  it("values a backtest's point, timed at its candle's close, at that close", () => {
    // Prepare: the engine's points are at T0+1m, T0+2m, T0+3m, each candle's close time
    const series = [candleSeriesOf('ETH/BTC', [0.05, 0.055, 0.06])];
    const equityCurve = { ...curveOf([1, 1, 1]), times: Float64Array.of(T0 + MINUTE, T0 + 2 * MINUTE, T0 + 3 * MINUTE) };

    // Act
    const figures = priceFigures({ series, equityCurve, startingEquity: '1', quoteCurrency: 'BTC' });

    // Assess
    expect([...figures.buyAndHoldEquity]).toEqual([1, 1.1, 1.2]);
    expect(figures.prices).toEqual([{ symbol: 'ETH/BTC', times: [T0 + MINUTE, T0 + 2 * MINUTE, T0 + 3 * MINUTE], closes: [0.05, 0.055, 0.06] }]);
  });

  it('charts every symbol but holds only those quoted in the equity currency', () => {
    // Prepare
    const series = [candleSeriesOf('ETH/BTC', [0.05, 0.06]), candleSeriesOf('BTC/USDT', [40_000, 80_000])];

    // Act
    const equityCurve = { ...curveOf([1, 1]), times: Float64Array.of(T0 + MINUTE, T0 + 2 * MINUTE) };
    const figures = priceFigures({ series, equityCurve, startingEquity: '1', quoteCurrency: 'BTC' });

    // Assess
    expect(figures.prices.map((p) => p.symbol)).toEqual(['ETH/BTC', 'BTC/USDT']);
    expect([...figures.buyAndHoldEquity]).toEqual([1, 1.2]);
  });

  it("buys a local run's holding at the close it started at", () => {
    // Prepare: closes at T0+1m … T0+4m; heartbeats at T0+2.5m and T0+4m
    const series = [candleSeriesOf('ETH/BTC', [0.04, 0.05, 0.055, 0.06])];
    const equityCurve = { times: Float64Array.of(T0 + 2.5 * MINUTE, T0 + 4 * MINUTE), equity: Float64Array.of(1, 1), length: 2 };

    // Act
    const figures = priceFigures({ series, equityCurve, startingEquity: '1', quoteCurrency: 'BTC', range: { from: T0 + 2.5 * MINUTE, to: T0 + 4 * MINUTE } });

    // Assess
    expect([...figures.buyAndHoldEquity]).toEqual([1, 1.2]);
    expect(figures.prices[0]!.closes).toEqual([0.05, 0.055, 0.06]);
  });
});
