import type { BotReadModel } from '../lib/ports/BotReadModel.js';
import type { BotView } from '../lib/domain/botView.js';
import { actionsView, balanceView, dailyView, tradesView } from '../lib/services/botViews/ledgerViews.js';
import { profitView } from '../lib/services/botViews/profitView.js';
import { statusView } from '../lib/services/botViews/statusView.js';

const DAY_MS = 86_400_000;

/** The views Telegram's /status /profit /balance /daily /trades /actions answer with, read once each. */
export async function statusViews(model: BotReadModel, now: number): Promise<Readonly<Record<'status' | 'profit' | 'balance' | 'daily' | 'trades' | 'actions', BotView>>> {
  const [plans, prices, state, stats, equity, closed, actions] = await Promise.all([model.livePlans(), model.latestPrices(), model.botState(), model.dailyStats(), model.latestEquity(), model.closedPlansSince(now - 7 * DAY_MS), model.recentActions(10)]);
  return { status: statusView(plans, prices, state.status), profit: profitView(stats, now), balance: balanceView(equity), daily: dailyView(stats), trades: tradesView(closed), actions: actionsView(actions) };
}

/** A view as JSON for scripts: rows as objects keyed by column. */
export function viewJson(view: BotView): Record<string, unknown> {
  return { title: view.title, rows: view.rows.map((row) => Object.fromEntries(view.columns.map((column, i) => [column, row[i] ?? '']))), ...(view.notes ? { notes: view.notes } : {}) };
}

const PAINT = { bold: (t: string) => `\u001b[1m${t}\u001b[22m`, dim: (t: string) => `\u001b[2m${t}\u001b[22m`, green: (t: string) => `\u001b[32m${t}\u001b[39m`, red: (t: string) => `\u001b[31m${t}\u001b[39m` };

/** A view as an aligned terminal table; with colour, the title bold, gains green and losses red. */
export function viewTable(view: BotView, colour: boolean): string {
  const paint = colour ? PAINT : { bold: (t: string) => t, dim: (t: string) => t, green: (t: string) => t, red: (t: string) => t };
  if (view.rows.length === 0) return `${paint.bold(view.title)}\n  ${paint.dim(view.empty)}`;
  const widths = view.columns.map((column, i) => Math.max(column.length, ...view.rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[], tint: (cell: string, i: number) => string) => `  ${cells.map((cell, i) => tint(cell.padEnd(widths[i]!), i)).join('  ')}`.trimEnd();
  const money = (i: number) => /PnL|today|7 days|all time/.test(view.columns[i] ?? '');
  return [
    paint.bold(view.title),
    line(view.columns, (cell) => paint.dim(cell)),
    ...view.rows.map((row) => line(row, (cell, i) => (money(i) && cell.startsWith('+') ? paint.green(cell) : money(i) && cell.startsWith('-') && cell.trim() !== '-' ? paint.red(cell) : cell))),
    ...(view.notes ?? []).map((note) => `  ${paint.dim(note)}`),
  ].join('\n');
}
