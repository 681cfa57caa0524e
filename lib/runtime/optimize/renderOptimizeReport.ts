import { downsampleIndices } from '../backtest/report/downsampleEquity.js';
import { escapeHtml } from '../backtest/report/escapeHtml.js';
import { REPORT_CSS } from '../backtest/report/reportStyle.js';
import { renderTimeSeriesSvg } from '../backtest/report/timeSeriesSvg.js';
import type { WindowMetrics } from './objectives.js';
import type { ParamSet } from './searchSpace.js';
import type { SearchSummary } from './summarizeSearch.js';

export interface OptimizeReportInput {
  readonly runId: string;
  readonly strategy: string;
  readonly objective: string;
  readonly method: string;
  readonly summary: SearchSummary;
  /** The winner's equity over the out-of-sample windows, one after another. */
  readonly winnerOutOfSample: { readonly times: readonly number[]; readonly equity: readonly number[] };
  readonly top?: number;
}

const fmt = (v: number): string => (Number.isFinite(v) ? (Math.abs(v) >= 1000 ? v.toFixed(0) : v.toPrecision(4)) : '—');
const fmtParam = (v: ParamSet[string] | undefined): string => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(4)) : String(v));

function metricsCells(m: WindowMetrics): string {
  return `<td>${fmt(m.score)}</td><td>${fmt(m.returnPct)} %</td><td>${fmt(m.maxDrawdownPct)} %</td><td>${m.trades}</td>`;
}

/** The search's page: top trials, in-sample beside out-of-sample, parameter importance, the winner's out-of-sample curve, stability across folds. */
export function renderOptimizeReport(input: OptimizeReportInput): string {
  const { summary } = input;
  const names = Object.keys(summary.importance);
  const top = summary.ranked.slice(0, input.top ?? 20);
  const winner = summary.ranked[0];
  const curve = input.winnerOutOfSample;
  const keep = downsampleIndices(curve.equity, curve.equity.length);
  const chart =
    curve.equity.length > 1
      ? renderTimeSeriesSvg({ times: keep.map((i) => curve.times[i] as number), values: keep.map((i) => curve.equity[i] as number), title: 'Winner, out of sample (folds\' test windows, back to back)', yLabel: 'equity', kind: 'line', height: 260, reference: curve.equity[0] })
      : '<p>No out-of-sample curve: no trial completed every fold.</p>';
  const topRows = top
    .map((t, i) => `<tr><td>${i + 1}</td><td>${t.id}</td><td>${fmt(t.inSampleScore)}</td><td>${fmt(t.outOfSampleScore)}</td>${names.map((n) => `<td>${escapeHtml(fmtParam(t.params[n]))}</td>`).join('')}</tr>`)
    .join('');
  const importanceRows = Object.entries(summary.importance)
    .sort((a, b) => b[1] - a[1])
    .map(([name, share]) => `<tr><td>${escapeHtml(name)}</td><td>${(share * 100).toFixed(1)} %</td><td><div style="background:var(--accent);height:10px;width:${(share * 300).toFixed(0)}px"></div></td></tr>`)
    .join('');
  const winnerFolds = (winner?.folds ?? []).map((f) => `<tr><td>${f.fold}</td>${metricsCells(f.inSample)}${metricsCells(f.outOfSample)}</tr>`).join('');
  const stabilityRows = summary.walkForward
    .map((f) => `<tr><td>${f.fold}</td><td>${f.trialId}</td>${names.map((n) => `<td>${escapeHtml(fmtParam(f.params[n]))}</td>`).join('')}<td>${fmt(f.inSample.score)}</td><td>${fmt(f.outOfSample.score)}</td></tr>`)
    .join('');
  const spread = names.map((n) => {
    const values = summary.walkForward.map((f) => f.params[n]).filter((v): v is number => typeof v === 'number');
    if (values.length < 2) return '<td>—</td>';
    const m = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
    return `<td>±${m === 0 ? '—' : ((sd / Math.abs(m)) * 100).toFixed(0) + ' %'}</td>`;
  });
  const head = names.map((n) => `<th>${escapeHtml(n)}</th>`).join('');
  const metricHead = '<th>score</th><th>return</th><th>max DD</th><th>trades</th>';
  return `<!doctype html><html><head><meta charset="utf-8"><title>optimize ${escapeHtml(input.runId)}</title><style>${REPORT_CSS}</style></head><body>
<h1>Parameter search ${escapeHtml(input.runId)}</h1>
<p>${escapeHtml(input.strategy)} · objective ${escapeHtml(input.objective)} · ${escapeHtml(input.method)} · ${summary.trials} trials (${summary.done} complete, ${summary.pruned} pruned by successive halving, ${summary.failed} refused)</p>
<h2>Winner: in sample beside out of sample, per fold</h2>
<table><tr><th rowspan="2">fold</th><th colspan="4">in sample (training window)</th><th colspan="4">out of sample (the window after)</th></tr><tr>${metricHead}${metricHead}</tr>${winnerFolds}</table>
${chart}
<h2>Top trials</h2>
<table><tr><th>#</th><th>trial</th><th>in-sample score</th><th>out-of-sample score</th>${head}</tr>${topRows}</table>
<h2>Parameter importance</h2>
<table><tr><th>parameter</th><th>share</th><th></th></tr>${importanceRows}</table>
<h2>Stability across folds: each fold's best in-sample trial</h2>
<table><tr><th>fold</th><th>trial</th>${head}<th>in sample</th><th>out of sample</th></tr>${stabilityRows}<tr><td colspan="2">spread (sd / mean)</td>${spread.join('')}<td></td><td></td></tr></table>
</body></html>
`;
}
