import type { BacktestReport, ReportTrade } from './BacktestReport.js';
import { escapeHtml } from './escapeHtml.js';
import { decimalSign, formatDecimal, formatUtcMinute } from './formatValues.js';

const signClass = (value: string): string => ['loss', '', 'gain'][decimalSign(value) + 1]!;

/** A right-aligned money cell: rounded for reading, the exact value in the tooltip. */
function moneyCell(value: string, className = ''): string {
  return `<td class="num ${className}" title="${escapeHtml(value)}">${escapeHtml(formatDecimal(value))}</td>`;
}

function tradeRow(t: ReportTrade): string {
  return (
    '<tr>' +
    `<td>${escapeHtml(formatUtcMinute(t.openedAt))}</td>` +
    `<td>${escapeHtml(formatUtcMinute(t.closedAt))}</td>` +
    `<td>${escapeHtml(t.symbol)}</td>` +
    `<td>${escapeHtml(t.side)}</td>` +
    moneyCell(t.amount) +
    moneyCell(t.avgEntryPrice) +
    moneyCell(t.avgExitPrice) +
    moneyCell(t.feesPaid) +
    moneyCell(t.realizedPnl, signClass(t.realizedPnl)) +
    `<td>${escapeHtml(t.exitReason)}</td>` +
    `<td><span class="reason" title="${escapeHtml(t.reason)}">${escapeHtml(t.reason)}</span></td>` +
    '</tr>'
  );
}

export function renderTradeTable(report: BacktestReport): string {
  if (report.tradeList.length === 0) return '<p class="none">No closed trades.</p>';
  const q = escapeHtml(report.quoteCurrency);
  const head =
    '<tr><th>Opened (UTC)</th><th>Closed (UTC)</th><th>Symbol</th><th>Side</th><th class="num">Amount</th>' +
    `<th class="num">Entry</th><th class="num">Exit</th><th class="num">Fees (${q})</th><th class="num">PnL (${q})</th>` +
    '<th>Exit reason</th><th>Entry reason</th></tr>';
  const body = report.tradeList.map(tradeRow).join('');
  return `<div class="scroll"><table class="trades"><thead>${head}</thead><tbody>${body}</tbody></table></div>`;
}

export function renderRejectionTable(rejections: Readonly<Record<string, number>>): string {
  const rows = Object.entries(rejections).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  if (rows.length === 0) return '<p class="none">No proposals were rejected.</p>';
  const body = rows.map(([code, count]) => `<tr><td>${escapeHtml(code)}</td><td class="num">${count}</td></tr>`).join('');
  return `<table class="rejections"><thead><tr><th>Risk rejection</th><th class="num">Count</th></tr></thead><tbody>${body}</tbody></table>`;
}

export function renderBalanceTable(report: BacktestReport): string {
  const assets = [...new Set([...Object.keys(report.startingBalances), ...Object.keys(report.finalBalances)])].sort();
  if (assets.length === 0) return '<p class="none">No balances.</p>';
  const body = assets
    .map((a) => `<tr><td>${escapeHtml(a)}</td>${moneyCell(report.startingBalances[a] ?? '0')}${moneyCell(report.finalBalances[a] ?? '0')}</tr>`)
    .join('');
  return `<table class="balances"><thead><tr><th>Asset</th><th class="num">Start</th><th class="num">End</th></tr></thead><tbody>${body}</tbody></table>`;
}
