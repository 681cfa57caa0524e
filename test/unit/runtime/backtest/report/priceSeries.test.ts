import { describe, expect, it } from 'vitest';
import { MAX_PRICE_POINTS, symbolCloses, thinCloses } from '../../../../../lib/runtime/backtest/report/priceSeries.js';
import { candleSeriesOf } from './candleSeriesOf.js';
import { MINUTE, T0 } from './sampleResult.js';

describe('Function: symbolCloses', () => {
  it('times each close at its candle close, one series a symbol, the finest of its timeframes', () => {
    // Prepare
    const series = [
      candleSeriesOf('ETH/BTC', [0.05, 0.06], '5m'),
      candleSeriesOf('ETH/BTC', [0.051, 0.052, 0.053]),
      candleSeriesOf('XLM/BTC', [0.0002]),
    ];

    // Act
    const closes = symbolCloses(series);

    // Assess
    expect(closes.map((c) => c.symbol)).toEqual(['ETH/BTC', 'XLM/BTC']);
    expect([...closes[0]!.times]).toEqual([T0 + MINUTE, T0 + 2 * MINUTE, T0 + 3 * MINUTE]);
    expect([...closes[0]!.closes]).toEqual([0.051, 0.052, 0.053]);
    expect([...closes[1]!.times]).toEqual([T0 + MINUTE]);
  });

  it('cuts to a run: from the close it started at to the last close by its end', () => {
    // Closes at T0+1m … T0+6m; a run from T0+2.5m to T0+5m started at the T0+2m close
    const closes = symbolCloses([candleSeriesOf('ETH/BTC', [1, 2, 3, 4, 5, 6])], { from: T0 + 2.5 * MINUTE, to: T0 + 5 * MINUTE });
    expect([...closes[0]!.times]).toEqual([T0 + 2 * MINUTE, T0 + 3 * MINUTE, T0 + 4 * MINUTE, T0 + 5 * MINUTE]);
    expect([...closes[0]!.closes]).toEqual([2, 3, 4, 5]);
  });
});

describe('Function: thinCloses', () => {
  it('keeps a short series whole', () => {
    const [eth] = symbolCloses([candleSeriesOf('ETH/BTC', [0.05, 0.06, 0.07])]);
    expect(thinCloses(eth!)).toEqual({ symbol: 'ETH/BTC', times: [T0 + MINUTE, T0 + 2 * MINUTE, T0 + 3 * MINUTE], closes: [0.05, 0.06, 0.07] });
  });

  it('thins a long series to the bound, keeping the first and last close and the extremes', () => {
    // Prepare: 50 000 closes with a low and a high buried in the middle
    const values = Array.from({ length: 50_000 }, (_, i) => 0.05 + 0.001 * Math.sin(i / 300));
    values[12_345] = 0.01;
    values[40_404] = 0.09;
    const [eth] = symbolCloses([candleSeriesOf('ETH/BTC', values)]);

    // Act
    const thinned = thinCloses(eth!);

    // Assess
    expect(thinned.times.length).toBeLessThanOrEqual(MAX_PRICE_POINTS);
    expect(thinned.closes).toHaveLength(thinned.times.length);
    expect([thinned.times[0], thinned.closes[0]]).toEqual([T0 + MINUTE, values[0]]);
    expect([thinned.times.at(-1), thinned.closes.at(-1)]).toEqual([T0 + 50_000 * MINUTE, values.at(-1)]);
    expect(Math.min(...thinned.closes)).toBe(0.01);
    expect(Math.max(...thinned.closes)).toBe(0.09);
    for (let i = 1; i < thinned.times.length; i++) expect(thinned.times[i]!).toBeGreaterThan(thinned.times[i - 1]!);
  });

  it('honours a smaller bound', () => {
    const [eth] = symbolCloses([candleSeriesOf('ETH/BTC', Array.from({ length: 1000 }, (_, i) => 1 + (i % 7)))]);
    const thinned = thinCloses(eth!, 50);
    expect(thinned.times.length).toBeLessThanOrEqual(50);
    expect(thinned.times[0]).toBe(T0 + MINUTE);
    expect(thinned.times.at(-1)).toBe(T0 + 1000 * MINUTE);
  });
});
