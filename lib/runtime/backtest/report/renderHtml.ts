import type { BacktestReport } from './BacktestReport.js';
import { escapeHtml } from './escapeHtml.js';
import { decimalSign, formatDecimal, formatNumber, formatUtcMinute } from './formatValues.js';
import { drawdownSeries } from './metrics.js';
import { priceChart } from './priceChart.js';
import { renderBooksSection } from './renderBooks.js';
import { REPORT_CSS } from './reportStyle.js';
import { renderBalanceTable, renderRejectionTable, renderTradeTable } from './reportTables.js';
import { renderTimeSeriesSvg } from './timeSeriesSvg.js';

interface Card {
  readonly label: string;
  readonly value: string;
  readonly tone?: 'gain' | 'loss';
}

const toneOf = (sign: number): Card['tone'] => (sign > 0 ? 'gain' : sign < 0 ? 'loss' : undefined);

function summaryCards(r: BacktestReport): Card[] {
  const q = r.quoteCurrency;
  return [
    { label: 'Total return', value: `${formatNumber(r.totalReturnPct, 4)} %`, tone: toneOf(Math.sign(r.totalReturnPct)) },
    {
      label: 'Buy & hold return',
      value: r.buyAndHoldReturnPct === null ? 'n/a' : `${formatNumber(r.buyAndHoldReturnPct, 4)} %`,
      tone: toneOf(Math.sign(r.buyAndHoldReturnPct ?? 0)),
    },
    { label: 'Max drawdown', value: `${formatNumber(r.maxDrawdownPct, 2)} %` },
    { label: 'Sharpe (yearly)', value: formatNumber(r.sharpe, 2) },
    { label: 'Win rate', value: `${formatNumber(r.winRatePct, 2)} %` },
    { label: 'Closed trades', value: String(r.trades) },
    { label: `Realized PnL (${q})`, value: formatDecimal(r.realizedPnl), tone: toneOf(decimalSign(r.realizedPnl)) },
    { label: `Fees (${q})`, value: formatDecimal(r.feesPaid) },
    { label: `Start equity (${q})`, value: formatDecimal(r.startingEquity) },
    { label: `Final equity (${q})`, value: formatDecimal(r.finalEquity) },
    { label: 'Open plans at end', value: String(r.openPlans) },
    { label: 'Decisions / orders', value: `${r.decisions} / ${r.ordersSent}` },
    { label: 'Run time', value: `${r.durationMs} ms` },
  ];
}

function renderCard(c: Card): string {
  const tone = c.tone ? ` ${c.tone}` : '';
  return `<div class="card"><div class="label">${escapeHtml(c.label)}</div><div class="value${tone}">${escapeHtml(c.value)}</div></div>`;
}

function renderCharts(r: BacktestReport): string {
  const times = r.equityCurve.map(([t]) => t);
  const equity = r.equityCurve.map(([, e]) => e);
  const equityChart = renderTimeSeriesSvg({
    times,
    values: equity,
    title: 'Equity curve',
    yLabel: `equity (${r.quoteCurrency})`,
    kind: 'line',
    height: 340,
    reference: Number(r.startingEquity),
    benchmark: { values: r.buyAndHoldCurve.map(([, e]) => e), label: 'buy & hold', mainLabel: 'strategy' },
  });
  const drawdownChart = renderTimeSeriesSvg({
    times,
    values: drawdownSeries(equity, equity.length),
    title: 'Drawdown',
    yLabel: 'drawdown (%)',
    kind: 'area',
    height: 220,
    yMax: 0,
  });
  const priceCharts = r.prices.map(
    (p) => `<h2>${escapeHtml(p.symbol)}: price and trades</h2><div class="panel">${renderTimeSeriesSvg(priceChart(p, r.tradeList, r.quoteCurrency))}</div>`,
  );
  return (
    `<h2>Equity</h2><div class="panel">${equityChart}</div>` +
    `<h2>Drawdown from peak</h2><div class="panel">${drawdownChart}</div>` +
    priceCharts.join('')
  );
}

/** The whole report as one self-contained HTML page: no scripts, no external assets. */
export function renderHtml(report: BacktestReport): string {
  const title = `${report.run[0]?.toUpperCase() ?? ''}${report.run.slice(1)}: ${report.strategy} on ${report.symbols.join(', ')} ${report.timeframe}`;
  const meta =
    `${formatUtcMinute(report.from)} → ${formatUtcMinute(report.to)} UTC · ${report.candles} candles` +
    ` · ${report.gaps} gaps · data: ${report.dataFiles.join(', ') || 'none'}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(meta)}</p>
${report.warnings.map((warning) => `<p class="warning" role="alert" style="border:3px solid #c00;background:#fee;padding:0.75em;font-weight:bold">${escapeHtml(warning)}</p>`).join('')}
<section class="cards">${summaryCards(report).map(renderCard).join('')}</section>
</header>
${renderCharts(report)}
${renderBooksSection(report.books, report.quoteCurrency)}
<div class="columns">
<section><h2>Risk rejections</h2>${renderRejectionTable(report.rejections)}</section>
<section><h2>Balances</h2>${renderBalanceTable(report)}</section>
</div>
<h2>Trades (${report.trades})</h2>
${renderTradeTable(report)}
</main>
</body>
</html>
`;
}
