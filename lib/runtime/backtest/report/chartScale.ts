/** A mark drawn on a chart at a time and value, e.g. a trade's entry fill. */
export interface ChartMarker {
  readonly time: number;
  readonly value: number;
  readonly kind: 'entry' | 'exit';
  /** Shown as the marker's tooltip. */
  readonly title: string;
}

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
  /** A second line at the same times, e.g. buy and hold beside the equity; `label` names both lines in a legend. */
  readonly benchmark?: { readonly values: ArrayLike<number>; readonly label: string; readonly mainLabel: string };
  readonly markers?: readonly ChartMarker[];
}

export const CHART_WIDTH = 1100;
export const CHART_MARGIN = { top: 14, right: 24, bottom: 44, left: 84 } as const;

/** Where a time and a value land in the chart's SVG coordinates. */
export interface ChartScale {
  readonly x: (time: number) => number;
  readonly y: (value: number) => number;
  readonly timeDomain: readonly [number, number];
  readonly valueDomain: readonly [number, number];
}

function extend(range: [number, number], values: ArrayLike<number>, count = values.length): void {
  for (let i = 0; i < count; i++) {
    range[0] = Math.min(range[0], values[i]!);
    range[1] = Math.max(range[1], values[i]!);
  }
}

function valueDomain(chart: TimeSeriesChart, n: number): [number, number] {
  const range: [number, number] = [Infinity, -Infinity];
  extend(range, chart.values, n);
  if (chart.benchmark) extend(range, chart.benchmark.values, Math.min(n, chart.benchmark.values.length));
  if (chart.markers) extend(range, chart.markers.map((m) => m.value));
  if (chart.reference !== undefined) extend(range, [chart.reference]);
  const lo = range[0];
  const hi = chart.yMax ?? range[1];
  if (!(hi > lo)) {
    const pad = Math.abs(hi) * 0.01 || 1;
    return [lo - pad, hi + (chart.yMax === undefined ? pad : 0)];
  }
  const pad = (hi - lo) * 0.05;
  return [lo - pad, chart.yMax === undefined ? hi + pad : hi];
}

/** The chart's scales over its first `n` points (and its markers, so none falls outside the frame). */
export function chartScale(chart: TimeSeriesChart, n = Math.min(chart.times.length, chart.values.length)): ChartScale {
  const plotW = CHART_WIDTH - CHART_MARGIN.left - CHART_MARGIN.right;
  const plotH = chart.height - CHART_MARGIN.top - CHART_MARGIN.bottom;
  const times: [number, number] = [chart.times[0]!, chart.times[n - 1]!];
  if (chart.markers) extend(times, chart.markers.map((m) => m.time));
  const [t0, t1] = times;
  const [y0, y1] = valueDomain(chart, n);
  return {
    x: (t) => CHART_MARGIN.left + (t1 > t0 ? ((t - t0) / (t1 - t0)) * plotW : plotW / 2),
    y: (v) => CHART_MARGIN.top + (1 - (v - y0) / (y1 - y0)) * plotH,
    timeDomain: [t0, t1],
    valueDomain: [y0, y1],
  };
}
