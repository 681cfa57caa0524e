import { type BotActionRecord, type BotView, isoMinute, signed } from '../../domain/botView.js';
import type { DailyStats } from '../../domain/dailyStats.js';
import type { EquitySnapshot } from '../../domain/equitySnapshot.js';
import type { Plan } from '../../domain/plan.js';

const money = (byQuote: DailyStats['byQuote'], key: 'realizedPnl' | 'fees') =>
  Object.entries(byQuote)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([quote, tally]) => `${key === 'realizedPnl' ? signed(tally[key]) : tally[key]} ${quote}`)
    .join(', ') || '0';

/** The latest equity snapshot heartbeat wrote: equity and every balance. */
export function balanceView(snapshot: EquitySnapshot | undefined): BotView {
  if (snapshot === undefined) return { title: 'Balance', columns: ['asset', 'amount'], rows: [], empty: 'No equity snapshot yet (heartbeat writes one every run).' };
  return {
    title: `Balance at ${isoMinute(snapshot.time)} UTC: equity ${snapshot.equity} ${snapshot.quoteCurrency}, ${snapshot.openPlans} open plan(s)`,
    columns: ['asset', 'amount'],
    rows: Object.entries(snapshot.balances).sort(([a], [b]) => a.localeCompare(b)).map(([asset, amount]) => [asset, amount]),
    empty: 'No balance.',
  };
}

/** The roll-ups of the last `days` days that have one, newest first. */
export function dailyView(stats: readonly DailyStats[], days = 7): BotView {
  const newest = [...stats].sort((a, b) => b.day.localeCompare(a.day)).slice(0, days);
  return {
    title: 'Daily (UTC days)',
    columns: ['day', 'trades', 'wins', 'losses', 'realized PnL', 'fees'],
    rows: newest.map((s) => [s.day, String(s.trades), String(s.wins), String(s.losses), money(s.byQuote, 'realizedPnl'), money(s.byQuote, 'fees')]),
    empty: 'No daily roll-up yet.',
  };
}

/** The last closed plans, newest first. */
export function tradesView(plans: readonly Plan[], limit = 10): BotView {
  const newest = [...plans].sort((a, b) => (b.closedAt ?? b.updatedAt) - (a.closedAt ?? a.updatedAt)).slice(0, limit);
  return {
    title: `Last ${limit} trades`,
    columns: ['closed', 'symbol', 'side', 'amount', 'entry', 'exit', 'realized PnL', 'reason'],
    rows: newest.map((p) => [isoMinute(p.closedAt ?? p.updatedAt), p.symbol, p.side, p.amount ?? p.filledAmount ?? '-', p.avgEntryPrice ?? '-', p.avgExitPrice ?? '-', p.realizedPnl !== undefined ? signed(p.realizedPnl) : '-', p.exitReason ?? '-']),
    empty: 'No closed trade in the last 7 days.',
  };
}

/** The last bot actions, newest first, with who gave each (a command's chat and user) or what caused it. */
export function actionsView(actions: readonly BotActionRecord[]): BotView {
  return {
    title: 'Bot actions',
    columns: ['time', 'action', 'by', 'detail'],
    rows: [...actions].sort((a, b) => b.time - a.time).map(({ time, action, details }) => [isoMinute(time), action === 'command' ? `/${text(details['command'])}` : action, actorText(details), detailText(action, details)]),
    empty: 'No bot action recorded.',
  };
}

function actorText(details: Readonly<Record<string, unknown>>): string {
  const actor = details['actor'];
  if (typeof actor === 'object' && actor !== null) {
    const { userName, chatId } = actor as Record<string, unknown>;
    return `${text(userName)} (chat ${text(chatId)})`;
  }
  return typeof details['trigger'] === 'string' ? details['trigger'] : 'bot';
}

function detailText(action: string, d: Readonly<Record<string, unknown>>): string {
  if (action === 'command') return text(d['outcome']);
  if (action === 'reconciliationHalted') return text(d['reason']);
  if (action === 'reconciliationRepaired') return text(d['repair']);
  if (action === 'killSwitch') return `${text(d['state'])}${typeof d['botStatus'] === 'string' ? ` (bot ${d['botStatus']})` : ''}`;
  if (action === 'flatten') return text(d['outcome']);
  return typeof d['note'] === 'string' ? d['note'] : '';
}

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : value === undefined ? '?' : JSON.stringify(value));
