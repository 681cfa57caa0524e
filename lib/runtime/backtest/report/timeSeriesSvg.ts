import { CHART_MARGIN, CHART_WIDTH, type ChartMarker, type ChartScale, type TimeSeriesChart, chartScale } from './chartScale.js';
import { timeTicks, valueTicks } from './chartTicks.js';
import { escapeHtml } from './escapeHtml.js';
import { formatNumber, formatUtcMinute } from './formatValues.js';

export type { ChartMarker, TimeSeriesChart } from './chartScale.js';

const r1 = (v: number): string => (Math.round(v * 10) / 10).toString();

/** An up-triangle (entry) or down-triangle (exit) centred on the marker's point. */
const MARKER_PATH: Readonly<Record<ChartMarker['kind'], string>> = {
  entry: 'M0,-6L5.5,4L-5.5,4Z',
  exit: 'M0,6L5.5,-4L-5.5,-4Z',
};

function polyline(times: ArrayLike<number>, values: ArrayLike<number>, n: number, scale: ChartScale): string[] {
  const coords: string[] = [];
  for (let i = 0; i < n; i++) coords.push(`${r1(scale.x(times[i]!))},${r1(scale.y(values[i]!))}`);
  return coords;
}

function renderMarker(marker: ChartMarker, scale: ChartScale): string {
  return (
    `<g class="marker ${marker.kind}" transform="translate(${r1(scale.x(marker.time))},${r1(scale.y(marker.value))})">` +
    `<title>${escapeHtml(marker.title)}</title><path d="${MARKER_PATH[marker.kind]}"/></g>`
  );
}

function renderLegend(main: string, benchmark: string): string {
  const x = CHART_MARGIN.left + 12;
  const y = CHART_MARGIN.top + 16;
  return (
    `<line class="line" x1="${x}" x2="${x + 22}" y1="${y}" y2="${y}"/><text class="legend" x="${x + 28}" y="${y}" dominant-baseline="middle">${escapeHtml(main)}</text>` +
    `<line class="benchmark" x1="${x}" x2="${x + 22}" y1="${y + 18}" y2="${y + 18}"/><text class="legend" x="${x + 28}" y="${y + 18}" dominant-baseline="middle">${escapeHtml(benchmark)}</text>`
  );
}

/** An inline SVG time series with grid, tick labels and axis titles; no script, no external asset. */
export function renderTimeSeriesSvg(chart: TimeSeriesChart): string {
  const n = Math.min(chart.times.length, chart.values.length);
  const label = escapeHtml(chart.title);
  const { height } = chart;
  if (n === 0) {
    return `<svg class="chart" viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-label="${label}"><text x="${CHART_WIDTH / 2}" y="${height / 2}" text-anchor="middle" class="empty">no data</text></svg>`;
  }
  const plotW = CHART_WIDTH - CHART_MARGIN.left - CHART_MARGIN.right;
  const plotH = height - CHART_MARGIN.top - CHART_MARGIN.bottom;
  const scale = chartScale(chart, n);
  const { x, y } = scale;
  const [t0, t1] = scale.timeDomain;
  const [y0, y1] = scale.valueDomain;
  const left = CHART_MARGIN.left;
  const right = CHART_WIDTH - CHART_MARGIN.right;
  const bottom = CHART_MARGIN.top + plotH;

  const parts: string[] = [];
  const yTicks = valueTicks(y0, y1);
  for (const v of yTicks.values) {
    const py = r1(y(v));
    parts.push(`<line class="grid" x1="${left}" x2="${right}" y1="${py}" y2="${py}"/>`);
    parts.push(`<text class="tick" x="${left - 8}" y="${py}" text-anchor="end" dominant-baseline="middle">${escapeHtml(formatNumber(v, yTicks.decimals))}</text>`);
  }
  const xTicks = timeTicks(t0, t1);
  for (const t of xTicks.values) {
    const px = r1(x(t));
    const text = xTicks.wholeDays ? formatUtcMinute(t).slice(0, 10) : formatUtcMinute(t);
    parts.push(`<line class="grid" x1="${px}" x2="${px}" y1="${CHART_MARGIN.top}" y2="${bottom}"/>`);
    parts.push(`<text class="tick" x="${px}" y="${bottom + 16}" text-anchor="middle">${escapeHtml(text)}</text>`);
  }
  parts.push(`<rect class="frame" x="${left}" y="${CHART_MARGIN.top}" width="${plotW}" height="${plotH}"/>`);
  if (chart.reference !== undefined) {
    const py = r1(y(chart.reference));
    parts.push(`<line class="reference" x1="${left}" x2="${right}" y1="${py}" y2="${py}"/>`);
  }

  const coords = polyline(chart.times, chart.values, n, scale);
  if (chart.kind === 'area') {
    const zero = r1(y(Math.min(Math.max(0, y0), y1)));
    parts.push(`<path class="area" d="M${r1(x(chart.times[0]!))},${zero}L${coords.join('L')}L${r1(x(chart.times[n - 1]!))},${zero}Z"/>`);
  }
  const { benchmark } = chart;
  const benchmarkPoints = benchmark ? Math.min(n, benchmark.values.length) : 0;
  if (benchmark && benchmarkPoints > 0) {
    parts.push(`<path class="benchmark" d="M${polyline(chart.times, benchmark.values, benchmarkPoints, scale).join('L')}"/>`);
  }
  parts.push(`<path class="${chart.kind === 'area' ? 'area-line' : 'line'}" d="M${coords.join('L')}"/>`);
  for (const marker of chart.markers ?? []) parts.push(renderMarker(marker, scale));
  if (benchmark && benchmarkPoints > 0) parts.push(renderLegend(benchmark.mainLabel, benchmark.label));

  parts.push(`<text class="axis" x="${left + plotW / 2}" y="${height - 6}" text-anchor="middle">time (UTC)</text>`);
  const midY = r1(CHART_MARGIN.top + plotH / 2);
  parts.push(`<text class="axis" x="16" y="${midY}" text-anchor="middle" transform="rotate(-90 16 ${midY})">${escapeHtml(chart.yLabel)}</text>`);

  return `<svg class="chart" viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-label="${label}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}
