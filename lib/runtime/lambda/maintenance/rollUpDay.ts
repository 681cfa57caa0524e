import type { DailyStats, TradeTally } from '../../../domain/dailyStats.js';
import { type Decimal, ZERO, dec, toDecimalString } from '../../../domain/decimal.js';
import { splitSymbol } from '../../../domain/market.js';
import type { Plan } from '../../../domain/plan.js';

interface Tally {
  trades: number;
  wins: number;
  losses: number;
  realizedPnl: Decimal;
  fees: Decimal;
}

export function utcDayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * The plans that closed on `day` (UTC, by `closedAt`, else `updatedAt`): trades, wins
 * (realized PnL above zero), losses (below), and the exact sums of realized PnL and fees.
 * Cancelled and rejected plans are not trades. Money is never summed across quote
 * currencies: per symbol, and per quote currency.
 */
export function rollUpDay(day: string, plans: readonly Plan[]): DailyStats {
  const bySymbol = new Map<string, Tally>();
  const byQuote = new Map<string, Tally>();
  let trades = 0;
  let wins = 0;
  let losses = 0;
  for (const plan of plans) {
    if (plan.status !== 'closed' || utcDayOf(plan.closedAt ?? plan.updatedAt) !== day) continue;
    const pnl = dec(plan.realizedPnl ?? '0');
    const fees = dec(plan.feesPaid ?? '0');
    trades++;
    if (pnl.gt(0)) wins++;
    if (pnl.lt(0)) losses++;
    add(bySymbol, plan.symbol, pnl, fees);
    add(byQuote, splitSymbol(plan.symbol).quote, pnl, fees);
  }
  return { day, trades, wins, losses, bySymbol: exact(bySymbol), byQuote: exact(byQuote) };
}

function add(tallies: Map<string, Tally>, key: string, pnl: Decimal, fees: Decimal): void {
  const t = tallies.get(key) ?? { trades: 0, wins: 0, losses: 0, realizedPnl: ZERO, fees: ZERO };
  tallies.set(key, {
    trades: t.trades + 1,
    wins: t.wins + (pnl.gt(0) ? 1 : 0),
    losses: t.losses + (pnl.lt(0) ? 1 : 0),
    realizedPnl: t.realizedPnl.plus(pnl),
    fees: t.fees.plus(fees),
  });
}

function exact(tallies: ReadonlyMap<string, Tally>): Record<string, TradeTally> {
  return Object.fromEntries([...tallies].map(([key, t]) => [key, { ...t, realizedPnl: toDecimalString(t.realizedPnl), fees: toDecimalString(t.fees) }]));
}
