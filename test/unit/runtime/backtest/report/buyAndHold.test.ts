import { describe, expect, it } from 'vitest';
import { buyAndHoldEquity } from '../../../../../lib/runtime/backtest/report/buyAndHold.js';
import type { SymbolCloses } from '../../../../../lib/runtime/backtest/report/priceSeries.js';
import { MINUTE, T0 } from './sampleResult.js';

const closesOf = (symbol: string, points: readonly (readonly [number, number])[]): SymbolCloses => ({
  symbol,
  times: Float64Array.from(points, ([t]) => t),
  closes: Float64Array.from(points, ([, c]) => c),
});

describe('Function: buyAndHoldEquity', () => {
  it('values the starting equity bought at the first close at each later close', () => {
    // Prepare: 1 BTC buys 20 ETH at 0.05; 20 ETH at 0.06 are worth 1.2 BTC
    const eth = closesOf('ETH/BTC', [[T0, 0.05], [T0 + MINUTE, 0.055], [T0 + 2 * MINUTE, 0.06]]);

    // Act
    const curve = buyAndHoldEquity(1, [eth], [T0, T0 + MINUTE, T0 + 2 * MINUTE], 3);

    // Assess
    expect([...curve]).toEqual([1, 1.1, 1.2]);
  });

  it('values each time at the latest close at or before it', () => {
    const eth = closesOf('ETH/BTC', [[T0, 0.05], [T0 + 5 * MINUTE, 0.06]]);
    const curve = buyAndHoldEquity(1, [eth], [T0 + 4 * MINUTE, T0 + 5 * MINUTE, T0 + 9 * MINUTE], 3);
    expect([...curve]).toEqual([1, 1.2, 1.2]);
  });

  it('splits the equity equally among the symbols, holding a part as cash until its symbol has a close', () => {
    // Prepare: 2 BTC, 1 BTC a symbol: 20 ETH at 0.05, 4000 XLM at 0.00025 (from one minute on)
    const eth = closesOf('ETH/BTC', [[T0, 0.05], [T0 + MINUTE, 0.06], [T0 + 2 * MINUTE, 0.04]]);
    const xlm = closesOf('XLM/BTC', [[T0 + MINUTE, 0.00025], [T0 + 2 * MINUTE, 0.0005]]);

    // Act
    const curve = buyAndHoldEquity(2, [eth, xlm], [T0, T0 + MINUTE, T0 + 2 * MINUTE], 3);

    // Assess: 1 + 1; 20 × 0.06 + 1; 20 × 0.04 + 4000 × 0.0005
    expect([...curve]).toEqual([2, 2.2, 2.8]);
  });

  it('has no curve without closes', () => {
    expect(buyAndHoldEquity(1, [], [T0], 1)).toHaveLength(0);
    expect(buyAndHoldEquity(1, [closesOf('ETH/BTC', [])], [T0], 1)).toHaveLength(0);
  });
});
