import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../../../lib/runtime/backtest/report/escapeHtml.js';

describe('Function: escapeHtml', () => {
  it('escapes the five characters that can break out of HTML text or a quoted attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('leaves plain text and numbers alone', () => {
    expect(escapeHtml('ETH/BTC 1m')).toBe('ETH/BTC 1m');
    expect(escapeHtml(-0.5)).toBe('-0.5');
  });
});
