import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../../../lib/runtime/backtest/report/buildReport.js';
import { summaryLine } from '../../../../../lib/runtime/backtest/report/summaryLine.js';
import { curveOf, sampleResult } from './sampleResult.js';

describe('Function: summaryLine', () => {
  it('puts the headline numbers on one line', () => {
    // Prepare: peak 100 → 96.79 is a 3.21 % drawdown
    const report = buildReport(sampleResult({ equityCurve: curveOf([100, 96.79, 98]), candles: 14397 }));

    // Act
    const line = summaryLine(report);

    // Assess
    expect(line).toMatch(
      /^backtest ema-crossover ETH\/BTC 1m: 14397 candles, 2 trades, return -1\.2350%, max drawdown 3\.21%, sharpe -?\d+\.\d\d, win rate 50\.00%, fees 0\.00123 BTC, final equity 0\.98765 BTC in 812 ms$/,
    );
    expect(line).not.toContain('\n');
  });

  it('shortens long decimals to 8 places', () => {
    const report = buildReport(sampleResult({ feesPaid: '0.000000123456789', finalEquity: '1.123456789123' }));
    expect(summaryLine(report)).toContain('fees 0.00000012 BTC, final equity 1.12345679 BTC');
  });
});
