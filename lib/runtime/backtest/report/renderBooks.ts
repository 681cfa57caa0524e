import type { CalibrationScore } from '../../../services/calibration/scoreCalibration.js';
import type { BookFigures } from './bookComparison.js';
import { escapeHtml } from './escapeHtml.js';
import { decimalSign, formatDecimal, formatNumber } from './formatValues.js';

const signClass = (value: string): string => ['loss', '', 'gain'][decimalSign(value) + 1]!;
const figure = (value: number | null | undefined, digits: number): string => (value === null || value === undefined ? '–' : formatNumber(value, digits));

/** The main strategy beside each shadow: trades, return, win rate, PnL, and how well its pWin did. */
export function renderBookTable(books: readonly BookFigures[], quoteCurrency: string): string {
  const q = escapeHtml(quoteCurrency);
  const head =
    '<tr><th>Book</th><th>Strategy</th><th class="num">Trades</th><th class="num">Return (%)</th><th class="num">Win rate (%)</th>' +
    `<th class="num">PnL (${q})</th><th class="num">Open</th><th class="num">pWin outcomes</th><th class="num">Brier</th><th class="num">Log-loss</th><th class="num">ECE</th></tr>`;
  const body = books
    .map((b) => {
      const c = b.calibration;
      return (
        `<tr><td>${escapeHtml(b.book)}</td><td>${escapeHtml(b.strategy)}</td><td class="num">${b.trades}</td>` +
        `<td class="num">${formatNumber(b.totalReturnPct, 4)}</td><td class="num">${formatNumber(b.winRatePct, 2)}</td>` +
        `<td class="num ${signClass(b.realizedPnl)}" title="${escapeHtml(b.realizedPnl)}">${escapeHtml(formatDecimal(b.realizedPnl))}</td>` +
        `<td class="num">${b.openPlans}</td><td class="num">${c?.outcomes ?? 0}</td>` +
        `<td class="num">${figure(c?.brier, 4)}</td><td class="num">${figure(c?.logLoss, 4)}</td><td class="num">${figure(c?.ece, 4)}</td></tr>`
      );
    })
    .join('');
  return `<div class="scroll"><table class="books"><thead>${head}</thead><tbody>${body}</tbody></table></div>`;
}

const SIZE = 260;
const PAD = 36;

/**
 * The reliability diagram of one book: each non-empty bin's mean predicted pWin against its
 * realized hit rate, a dot sized by its count, over the diagonal of perfect calibration.
 */
export function renderReliabilityDiagram(title: string, score: CalibrationScore): string {
  const span = SIZE - 2 * PAD;
  const x = (p: number): number => PAD + p * span;
  const y = (p: number): number => SIZE - PAD - p * span;
  const ticks = [0, 0.5, 1]
    .map((t) => `<text class="tick" x="${x(t)}" y="${SIZE - PAD + 14}" text-anchor="middle">${t}</text><text class="tick" x="${PAD - 6}" y="${y(t) + 4}" text-anchor="end">${t}</text>`)
    .join('');
  const most = Math.max(1, ...score.bins.map((b) => b.count));
  const dots = score.bins
    .filter((b) => b.count > 0 && b.meanPredicted !== null && b.realizedRate !== null)
    .map((b) => {
      const r = 3 + 6 * Math.sqrt(b.count / most);
      return `<circle class="bin" cx="${x(b.meanPredicted ?? 0).toFixed(1)}" cy="${y(b.realizedRate ?? 0).toFixed(1)}" r="${r.toFixed(1)}"><title>${b.from.toFixed(1)}–${b.to.toFixed(1)}: ${b.count} plans, predicted ${formatNumber(b.meanPredicted ?? 0, 3)}, realized ${formatNumber(b.realizedRate ?? 0, 3)}</title></circle>`;
    })
    .join('');
  const empty = score.outcomes === 0 ? `<text class="empty" x="${SIZE / 2}" y="${SIZE / 2}" text-anchor="middle">no plan with a pWin closed</text>` : '';
  return (
    `<svg class="chart reliability" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-label="${escapeHtml(title)}">` +
    `<text class="axis" x="${SIZE / 2}" y="14" text-anchor="middle">${escapeHtml(title)}</text>` +
    `<rect class="frame" x="${PAD}" y="${PAD}" width="${span}" height="${span}"/>` +
    `<line class="reference" x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}"/>` +
    ticks +
    `<text class="tick" x="${SIZE / 2}" y="${SIZE - 4}" text-anchor="middle">predicted pWin</text>` +
    `<text class="tick" x="10" y="${SIZE / 2}" transform="rotate(-90 10 ${SIZE / 2})" text-anchor="middle">realized hit rate</text>` +
    dots +
    empty +
    '</svg>'
  );
}

/** The section of report.html that compares the books and draws each one's reliability diagram. */
export function renderBooksSection(books: readonly BookFigures[] | undefined, quoteCurrency: string): string {
  if (books === undefined || books.length === 0) return '';
  const diagrams = books
    .filter((b) => b.calibration !== null)
    .map((b) => `<div class="panel">${renderReliabilityDiagram(`${b.book} (${b.strategy})`, b.calibration as CalibrationScore)}</div>`)
    .join('');
  return `<h2>Live and shadow strategies</h2>${renderBookTable(books, quoteCurrency)}<h2>Calibration: reliability of pWin</h2><div class="diagrams">${diagrams}</div>`;
}
