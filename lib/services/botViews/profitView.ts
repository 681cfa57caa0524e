import type { BotView } from '../../domain/botView.js';
import { signed } from '../../domain/botView.js';
import type { DailyStats } from '../../domain/dailyStats.js';
import { type Decimal, ZERO, dec, toDecimalString } from '../../domain/decimal.js';

const DAY_MS = 86_400_000;

/**
 * Realized PnL (net of fees) from maintenance's daily roll-ups: today, the last 7 days
 * (today and the 6 before) and all time (every roll-up kept, 400 days at least), per quote
 * currency, summed exactly; never across currencies.
 */
export function profitView(stats: readonly DailyStats[], now: number): BotView {
  const today = new Date(now).toISOString().slice(0, 10);
  const weekStart = new Date(Date.parse(`${today}T00:00:00Z`) - 6 * DAY_MS).toISOString().slice(0, 10);
  const byQuote = new Map<string, { today: Decimal; week: Decimal; all: Decimal; trades: number; fees: Decimal }>();
  for (const day of stats) {
    for (const [quote, tally] of Object.entries(day.byQuote)) {
      const sums = byQuote.get(quote) ?? { today: ZERO, week: ZERO, all: ZERO, trades: 0, fees: ZERO };
      const pnl = dec(tally.realizedPnl);
      sums.all = sums.all.plus(pnl);
      sums.fees = sums.fees.plus(dec(tally.fees));
      sums.trades += tally.trades;
      if (day.day >= weekStart && day.day <= today) sums.week = sums.week.plus(pnl);
      if (day.day === today) sums.today = sums.today.plus(pnl);
      byQuote.set(quote, sums);
    }
  }
  const days = stats.map((s) => s.day).sort();
  return {
    title: 'Profit (realized, net of fees)',
    columns: ['quote', 'today', '7 days', 'all time', 'trades', 'fees'],
    rows: [...byQuote.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([quote, s]) => [quote, signed(toDecimalString(s.today)), signed(toDecimalString(s.week)), signed(toDecimalString(s.all)), String(s.trades), toDecimalString(s.fees)]),
    empty: 'No closed trade yet (maintenance rolls them up every run).',
    ...(days.length > 0 ? { notes: [`roll-ups ${days[0]} … ${days[days.length - 1]} (UTC days)`] } : {}),
  };
}
