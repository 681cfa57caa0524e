import { timeTicks, valueTicks } from './chartTicks.js';
import { escapeHtml } from './escapeHtml.js';
import { formatNumber, formatUtcMinute } from './formatValues.js';

export interface TimeSeriesChart {
  readonly times: ArrayLike<number>;
  readonly values: ArrayLike<number>;
  readonly title: string;
  readonly yLabel: string;
  /** 'line' draws the curve; 'area' also fills between the curve and zero. */
  readonly kind: 'line' | 'area';
  readonly height: number;
  /** A dashed horizontal line, e.g. the starting equity. */
  readonly reference?: number;
  /** Force the top of the y range, e.g. 0 for a drawdown. */
  readonly yMax?: number;
}

const WIDTH = 1100;
const MARGIN = { top: 14, right: 24, bottom: 44, left: 84 } as const;
const r1 = (v: number): string => (Math.round(v * 10) / 10).toString();

function yDomain(chart: TimeSeriesChart): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < chart.values.length; i++) {
    lo = Math.min(lo, chart.values[i]!);
    hi = Math.max(hi, chart.values[i]!);
  }
  if (chart.reference !== undefined) {
    lo = Math.min(lo, chart.reference);
    hi = Math.max(hi, chart.reference);
  }
  if (chart.yMax !== undefined) hi = chart.yMax;
  if (!(hi > lo)) {
    const pad = Math.abs(hi) * 0.01 || 1;
    return [lo - pad, hi + (chart.yMax === undefined ? pad : 0)];
  }
  const pad = (hi - lo) * 0.05;
  return [lo - pad, chart.yMax === undefined ? hi + pad : hi];
}

/** An inline SVG time series with grid, tick labels and axis titles; no script, no external asset. */
export function renderTimeSeriesSvg(chart: TimeSeriesChart): string {
  const n = Math.min(chart.times.length, chart.values.length);
  const label = escapeHtml(chart.title);
  const { height } = chart;
  if (n === 0) {
    return `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${label}"><text x="${WIDTH / 2}" y="${height / 2}" text-anchor="middle" class="empty">no data</text></svg>`;
  }
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const t0 = chart.times[0]!;
  const t1 = chart.times[n - 1]!;
  const [y0, y1] = yDomain(chart);
  const x = (t: number): number => MARGIN.left + (t1 > t0 ? ((t - t0) / (t1 - t0)) * plotW : plotW / 2);
  const y = (v: number): number => MARGIN.top + (1 - (v - y0) / (y1 - y0)) * plotH;
  const bottom = MARGIN.top + plotH;

  const parts: string[] = [];
  const yTicks = valueTicks(y0, y1);
  for (const v of yTicks.values) {
    const py = r1(y(v));
    parts.push(`<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${py}" y2="${py}"/>`);
    parts.push(`<text class="tick" x="${MARGIN.left - 8}" y="${py}" text-anchor="end" dominant-baseline="middle">${escapeHtml(formatNumber(v, yTicks.decimals))}</text>`);
  }
  const xTicks = timeTicks(t0, t1);
  for (const t of xTicks.values) {
    const px = r1(x(t));
    const text = xTicks.wholeDays ? formatUtcMinute(t).slice(0, 10) : formatUtcMinute(t);
    parts.push(`<line class="grid" x1="${px}" x2="${px}" y1="${MARGIN.top}" y2="${bottom}"/>`);
    parts.push(`<text class="tick" x="${px}" y="${bottom + 16}" text-anchor="middle">${escapeHtml(text)}</text>`);
  }
  parts.push(`<rect class="frame" x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}"/>`);
  if (chart.reference !== undefined) {
    const py = r1(y(chart.reference));
    parts.push(`<line class="reference" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${py}" y2="${py}"/>`);
  }

  const coords: string[] = [];
  for (let i = 0; i < n; i++) coords.push(`${r1(x(chart.times[i]!))},${r1(y(chart.values[i]!))}`);
  if (chart.kind === 'area') {
    const zero = r1(y(Math.min(Math.max(0, y0), y1)));
    parts.push(`<path class="area" d="M${r1(x(t0))},${zero}L${coords.join('L')}L${r1(x(t1))},${zero}Z"/>`);
  }
  parts.push(`<path class="${chart.kind === 'area' ? 'area-line' : 'line'}" d="M${coords.join('L')}"/>`);

  parts.push(`<text class="axis" x="${MARGIN.left + plotW / 2}" y="${height - 6}" text-anchor="middle">time (UTC)</text>`);
  const midY = r1(MARGIN.top + plotH / 2);
  parts.push(`<text class="axis" x="16" y="${midY}" text-anchor="middle" transform="rotate(-90 16 ${midY})">${escapeHtml(chart.yLabel)}</text>`);

  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${label}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}
