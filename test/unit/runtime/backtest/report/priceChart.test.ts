import { describe, expect, it } from 'vitest';
import type { PriceSeries } from '../../../../../lib/runtime/backtest/report/BacktestResult.js';
import { buildReport } from '../../../../../lib/runtime/backtest/report/buildReport.js';
import { chartScale } from '../../../../../lib/runtime/backtest/report/chartScale.js';
import { priceChart } from '../../../../../lib/runtime/backtest/report/priceChart.js';
import { renderTimeSeriesSvg } from '../../../../../lib/runtime/backtest/report/timeSeriesSvg.js';
import { MINUTE, sampleResult, T0, trade } from './sampleResult.js';

const eth: PriceSeries = {
  symbol: 'ETH/BTC',
  times: Array.from({ length: 31 }, (_, i) => T0 + i * MINUTE),
  closes: Array.from({ length: 31 }, (_, i) => 0.049 + i * 0.0001),
};

/** Each marker group's kind, translate(x, y) and tooltip, in document order. */
function markersIn(svg: string): { kind: string; x: number; y: number; title: string }[] {
  return [...svg.matchAll(/<g class="marker (entry|exit)" transform="translate\(([\d.]+),([\d.]+)\)"><title>([^<]*)<\/title>/g)].map((m) => ({
    kind: m[1]!,
    x: Number(m[2]),
    y: Number(m[3]),
    title: m[4]!,
  }));
}

describe('Function: priceChart', () => {
  it("marks a trade's entry and exit at their fill times and average prices", () => {
    // Prepare: entry at 00:10, exit at 00:25 (trade() defaults), at prices between two closes
    const report = buildReport(sampleResult({ prices: [eth], trades: [trade({ avgEntryPrice: '0.04995', avgExitPrice: '0.0512' })] }));
    const chart = priceChart(report.prices[0]!, report.tradeList, report.quoteCurrency);
    const scale = chartScale(chart);

    // Act
    const markers = markersIn(renderTimeSeriesSvg(chart));

    // Assess
    expect(markers.map((m) => m.kind)).toEqual(['entry', 'exit']);
    expect(markers[0]!.x).toBeCloseTo(scale.x(T0 + 10 * MINUTE), 1);
    expect(markers[0]!.y).toBeCloseTo(scale.y(0.04995), 1);
    expect(markers[1]!.x).toBeCloseTo(scale.x(T0 + 25 * MINUTE), 1);
    expect(markers[1]!.y).toBeCloseTo(scale.y(0.0512), 1);
  });

  it('marks only the entry of a plan closed as dust: it sold nothing, so its exit price reads 0 and is not drawn at the bottom of the chart', () => {
    const report = buildReport(sampleResult({ prices: [eth], trades: [trade({ avgExitPrice: '0', realizedPnl: '-0.0002' })] }));
    const markers = markersIn(renderTimeSeriesSvg(priceChart(report.prices[0]!, report.tradeList, report.quoteCurrency)));
    expect(markers.map((m) => m.kind)).toEqual(['entry']);
  });

  it('names the exit reason and PnL in each marker tooltip', () => {
    const report = buildReport(sampleResult({ prices: [eth], trades: [trade({ exitReason: 'trailing_stop', realizedPnl: '-0.0003' })] }));
    const markers = markersIn(renderTimeSeriesSvg(priceChart(report.prices[0]!, report.tradeList, report.quoteCurrency)));
    expect(markers.map((m) => m.title)).toEqual([
      'long entry 0.05 at 2024-01-01T00:10:00.000Z; exit: trailing_stop, PnL -0.0003 BTC',
      'long exit 0.051 at 2024-01-01T00:25:00.000Z; exit: trailing_stop, PnL -0.0003 BTC',
    ]);
  });

  it("marks only the chart symbol's trades and keeps a marker outside the closes inside the frame", () => {
    // Prepare: an XLM trade, and an ETH exit above every close and after the last one
    const trades = [trade({ symbol: 'XLM/BTC', planId: 'xlm' }), trade({ avgExitPrice: '0.06', closedAt: T0 + 40 * MINUTE })];
    const report = buildReport(sampleResult({ prices: [eth], trades }));
    const chart = priceChart(report.prices[0]!, report.tradeList, report.quoteCurrency);

    // Act
    const markers = markersIn(renderTimeSeriesSvg(chart));
    const scale = chartScale(chart);

    // Assess
    expect(markers).toHaveLength(2);
    expect(scale.timeDomain).toEqual([T0, T0 + 40 * MINUTE]);
    expect(scale.valueDomain[1]).toBeGreaterThan(0.06);
    expect(markers[1]!.x).toBeCloseTo(scale.x(T0 + 40 * MINUTE), 1);
  });

  it('escapes the tooltip text', () => {
    const report = buildReport(sampleResult({ prices: [eth], trades: [trade({ exitReason: '<b>"x"</b>' })] }));
    const svg = renderTimeSeriesSvg(priceChart(report.prices[0]!, report.tradeList, report.quoteCurrency));
    expect(svg).toContain('exit: &lt;b&gt;&quot;x&quot;&lt;/b&gt;');
    expect(svg).not.toContain('<b>');
  });
});
