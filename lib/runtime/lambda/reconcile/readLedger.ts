import type { LedgerSnapshot, UnsettledIntent } from '../../../services/reconciliation/snapshots.js';
import type { ReconcileDeps } from './ReconcileDeps.js';

/**
 * The symbols reconciliation looks at: every configured one and every one a live plan trades
 * (a symbol dropped from the configuration may still hold a position).
 */
export function symbolsOf(deps: Pick<ReconcileDeps, 'config'>, livePlans: readonly { symbol: string }[]): string[] {
  return [...new Set([...deps.config.symbols.map((s) => s.symbol), ...livePlans.map((p) => p.symbol)])].sort();
}

/** The bot state, the live plans and the unsettled intents of their symbols, each read consistently. */
export async function readLedger(deps: Pick<ReconcileDeps, 'config' | 'botState' | 'plans' | 'orders' | 'clock'>): Promise<LedgerSnapshot> {
  const takenAt = deps.clock.now();
  const [state, livePlans] = await Promise.all([deps.botState.get(), deps.plans.listLive()]);
  const perSymbol = await Promise.all(symbolsOf(deps, livePlans).map((symbol) => deps.orders.listUnsettledRecords(symbol)));
  const unsettled: UnsettledIntent[] = perSymbol.flat().map((r) => ({ intent: r.intent, ...(r.order ? { order: r.order } : {}), ...(r.plan ? { plan: r.plan } : {}) }));
  return { takenAt, state, livePlans: [...livePlans], unsettled };
}
