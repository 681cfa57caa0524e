import { botState } from '../../domain/botState.js';
import type { DailyRiskState } from '../../domain/dailyRiskState.js';
import { type Plan, isLive } from '../../domain/plan.js';
import { type TradingSnapshot, tradingSnapshot } from '../../ports/LedgerStore.js';

/** The snapshot as it stands after a commit of these plans: what the next decision starts from. */
export function advanceSnapshot(
  snapshot: TradingSnapshot,
  ledgerVersion: number,
  now: number,
  plans: readonly Plan[],
  daily?: DailyRiskState,
  stopOuts: ReadonlyMap<string, number> = new Map(),
): TradingSnapshot {
  if (plans.length === 0 && !daily && ledgerVersion === snapshot.state.ledgerVersion) return snapshot;
  const changed = new Map(plans.map((p) => [p.id, p]));
  const kept = snapshot.livePlans.filter((p) => !changed.has(p.id));
  return tradingSnapshot({
    state: botState(snapshot.state, { ledgerVersion, updatedAt: now }),
    livePlans: [...kept, ...plans.filter(isLive)],
    daily: daily ?? snapshot.daily,
    lastStopOutAt: stopOuts.size > 0 ? new Map([...snapshot.lastStopOutAt, ...stopOuts]) : snapshot.lastStopOutAt,
    decidedUpTo: snapshot.decidedUpTo,
  });
}
