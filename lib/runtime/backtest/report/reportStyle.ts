/** The page's only stylesheet, embedded so report.html opens anywhere without assets. */
export const REPORT_CSS = `
:root { --fg: #1f2933; --muted: #6b7785; --line: #e4e7eb; --gain: #0f8a4b; --loss: #c62828; --accent: #2563eb; }
* { box-sizing: border-box; }
body { margin: 0; padding: 28px 36px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #f7f8fa; }
main { max-width: 1180px; margin: 0 auto; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 28px 0 10px; }
.meta { color: var(--muted); margin: 0 0 18px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card .value { font-size: 19px; font-weight: 600; margin-top: 2px; font-variant-numeric: tabular-nums; word-break: break-all; }
.panel { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px; }
.chart { width: 100%; height: auto; display: block; }
.chart .grid { stroke: #eef0f3; }
.chart .frame { fill: none; stroke: #cfd4da; }
.chart .tick { fill: var(--muted); font-size: 11px; }
.chart .axis { fill: var(--fg); font-size: 12px; }
.chart .empty { fill: var(--muted); font-size: 14px; }
.chart .line { fill: none; stroke: var(--accent); stroke-width: 1.5; stroke-linejoin: round; }
.chart .benchmark { fill: none; stroke: #d97706; stroke-width: 1.3; stroke-dasharray: 6 3; stroke-linejoin: round; }
.chart .legend { fill: var(--fg); font-size: 12px; }
.chart .marker.entry path { fill: var(--gain); stroke: #fff; stroke-width: .8; }
.chart .marker.exit path { fill: var(--loss); stroke: #fff; stroke-width: .8; }
.chart .reference { stroke: #9aa5b1; stroke-dasharray: 5 4; }
.chart .area { fill: var(--loss); fill-opacity: .18; stroke: none; }
.chart .area-line { fill: none; stroke: var(--loss); stroke-width: 1.2; stroke-linejoin: round; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
table { width: 100%; font-size: 13px; border-collapse: collapse; background: #fff; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
th, td { padding: 5px 8px; text-align: left; border-bottom: 1px solid var(--line); white-space: nowrap; }
th { background: #f1f3f5; font-size: 12px; color: var(--muted); font-weight: 600; }
span.reason { display: inline-block; max-width: 150px; overflow: hidden; text-overflow: ellipsis; vertical-align: bottom; }
.scroll { overflow-x: auto; border-radius: 8px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr:last-child td { border-bottom: none; }
.gain { color: var(--gain); }
.loss { color: var(--loss); }
.none { color: var(--muted); font-style: italic; }
.diagrams { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 12px; }
.chart .bin { fill: var(--accent); fill-opacity: .7; }
`;
