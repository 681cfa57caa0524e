import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../../../lib/runtime/backtest/report/buildReport.js';
import { renderHtml } from '../../../../../lib/runtime/backtest/report/renderHtml.js';
import { MINUTE, T0, curveOf, sampleResult, trade } from './sampleResult.js';

describe('Function: renderHtml', () => {
  it('draws the equity and drawdown curves as inline SVG paths', () => {
    const html = renderHtml(buildReport(sampleResult()));
    expect(html.match(/<svg[^>]*>/g)).toHaveLength(2);
    expect(html).toMatch(/<path class="line" d="M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){4}"/);
    expect(html).toMatch(/<path class="area" d="M/);
    expect(html).toContain('equity (BTC)');
    expect(html).toContain('drawdown (%)');
    expect(html).toContain('time (UTC)');
  });

  it('draws one price chart per symbol, with its trades marked', () => {
    // Prepare
    const prices = [
      { symbol: 'ETH/BTC', times: [T0, T0 + 30 * MINUTE], closes: [0.05, 0.052] },
      { symbol: 'XLM/BTC', times: [T0, T0 + 30 * MINUTE], closes: [0.0002, 0.00021] },
    ];
    const result = sampleResult({ symbols: ['ETH/BTC', 'XLM/BTC'], prices, trades: [trade()] });

    // Act
    const html = renderHtml(buildReport(result));

    // Assess
    expect(html.match(/<svg[^>]*aria-label="[^"]* price"/g)).toEqual([
      '<svg class="chart" viewBox="0 0 1100 300" role="img" aria-label="ETH/BTC price"',
      '<svg class="chart" viewBox="0 0 1100 300" role="img" aria-label="XLM/BTC price"',
    ]);
    expect(html.match(/<g class="marker entry"/g)).toHaveLength(1);
    expect(html.match(/<g class="marker exit"/g)).toHaveLength(1);
  });

  it('draws buy and hold beside the equity curve and shows its return', () => {
    const html = renderHtml(buildReport(sampleResult({ buyAndHoldEquity: Float64Array.of(1, 1.1, 1.2, 1.1, 1.2) })));
    expect(html).toMatch(/<path class="benchmark" d="M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){4}"/);
    expect(html).toContain('>buy &amp; hold</text>');
    expect(html).toMatch(/Buy &amp; hold return<\/div><div class="value gain">20\.0000 %</);
  });

  it('shows no buy and hold without candle data', () => {
    const html = renderHtml(buildReport(sampleResult()));
    expect(html).not.toContain('class="benchmark"');
    expect(html).toMatch(/Buy &amp; hold return<\/div><div class="value">n\/a</);
  });

  it('is self-contained: no script and no external asset', () => {
    const html = renderHtml(buildReport(sampleResult()));
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
  });

  it('escapes every text it shows', () => {
    // Prepare
    const result = sampleResult({
      strategy: '<script>alert(1)</script>',
      quoteCurrency: 'B&"T',
      rejections: { '<b>': 2 },
      trades: [trade({ reason: `x" onmouseover="alert('y')` })],
    });

    // Act
    const html = renderHtml(buildReport(result));

    // Assess
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('B&amp;&quot;T');
    expect(html).toContain('&lt;b&gt;');
    expect(html).not.toContain('" onmouseover="');
  });

  it('lists each trade with its times, prices and coloured PnL', () => {
    // Prepare
    const result = sampleResult({
      trades: [
        trade({ planId: 'a', realizedPnl: '0.00000001' }),
        trade({ planId: 'b', realizedPnl: '-0.25', exitReason: 'trailing_stop', avgExitPrice: '0.0487' }),
        trade({ planId: 'c', realizedPnl: '0', exitReason: 'max_age' }),
      ],
    });

    // Act
    const html = renderHtml(buildReport(result));
    const rows = html.match(/<tbody>.*?<\/tbody>/gs)!.find((t) => t.includes('ETH/BTC'))!.match(/<tr>/g);

    // Assess
    expect(rows).toHaveLength(3);
    expect(html).toContain('2024-01-01 00:10');
    expect(html).toContain('2024-01-01 00:25');
    expect(html).toMatch(/class="num gain"[^>]*>0\.00000001</);
    expect(html).toMatch(/class="num loss"[^>]*>-0\.25</);
    expect(html).toMatch(/class="num "[^>]*>0</);
    expect(html).toContain('trailing_stop');
    expect(html).toContain('0.0487');
  });

  it('lists rejections by reason, most frequent first', () => {
    const html = renderHtml(buildReport(sampleResult()));
    expect(html).toMatch(/reward_to_risk<\/td><td class="num">3<\/td>.*cooldown<\/td><td class="num">1</s);
  });

  it('renders an empty run without failing', () => {
    const html = renderHtml(buildReport(sampleResult({ trades: [], rejections: {}, equityCurve: curveOf([]) })));
    expect(html).toContain('No closed trades.');
    expect(html).toContain('No proposals were rejected.');
    expect(html).toContain('no data');
  });

  it('draws a flat curve without dividing by zero', () => {
    const html = renderHtml(buildReport(sampleResult({ equityCurve: curveOf([1, 1, 1]) })));
    expect(html).not.toMatch(/NaN|Infinity/);
  });
});
