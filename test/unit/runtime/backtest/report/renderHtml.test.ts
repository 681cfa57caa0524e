import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../../../lib/runtime/backtest/report/buildReport.js';
import { renderHtml } from '../../../../../lib/runtime/backtest/report/renderHtml.js';
import { curveOf, sampleResult, trade } from './sampleResult.js';

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
