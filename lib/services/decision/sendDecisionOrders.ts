import { stopRetry } from '../../domain/botManagedStop.js';
import type { OrderSummary } from '../../domain/decisionRecord.js';
import type { Fill, Order } from '../../domain/order.js';
import type { Plan } from '../../domain/plan.js';
import type { LedgerStore, TradingSnapshot } from '../../ports/LedgerStore.js';
import { type ExecutionDeps, ExecutionService } from '../execution/ExecutionService.js';
import { chainSettled, chainSummaries } from '../execution/resultChain.js';
import type { CandleEvaluation } from './evaluateCandle.js';
import { DecisionOrders } from './DecisionOrders.js';

export type DecisionOrderDeps = Omit<ExecutionDeps, 'orders'> & { readonly ledger: LedgerStore };

/** What one decision's orders did: every plan changed (once, at its latest), the orders, their summaries and settled fills. */
export interface SentOrders {
  readonly plans: readonly Plan[];
  readonly orders: readonly Order[];
  readonly summaries: readonly OrderSummary[];
  readonly fills: readonly Fill[];
}

export function sendsOrders(evaluation: CandleEvaluation): boolean {
  return evaluation.exits.length > 0 || evaluation.stops.length > 0 || evaluation.approved.length > 0;
}

/**
 * A decision's orders, through ExecutionService: exits first, then the venue's stops, then
 * entries (an entry that filled when placed has its stop rest at once). The plans settled
 * before the decision and those the evaluation moved are among the changed plans.
 */
export async function sendDecisionOrders(deps: DecisionOrderDeps, symbol: string, snapshot: TradingSnapshot, evaluation: CandleEvaluation, lastPrice: number, settled: readonly Plan[]): Promise<SentOrders> {
  const changed = new Map<string, Plan>([...settled, ...evaluation.updatedPlans].map((p) => [p.id, p]));
  const summaries: OrderSummary[] = [];
  const fills: Fill[] = [];
  if (!sendsOrders(evaluation)) return { plans: [...changed.values()], orders: [], summaries, fills };
  const orders = new DecisionOrders(deps.ledger, snapshot.state.ledgerVersion);
  // Written out: `{ ...deps, orders }` adds a field the spread source lacks, V8's slow path (see planWith).
  const execution = new ExecutionService({ exchange: deps.exchange, orders, killSwitch: deps.killSwitch, clock: deps.clock, config: deps.config, logger: deps.logger });
  for (const { plan, exit } of evaluation.exits) {
    const current = changed.get(plan.id) ?? plan;
    const result = await execution.exit(current, exit, current.filledAmount ?? '0');
    changed.set(result.plan.id, result.plan);
    // An exit that ended part-filled (EXPIRED) is settled now, and its rest sent at once: their fills go with the commit.
    summaries.push(...chainSummaries(result));
    fills.push(...chainSettled(result).fills);
  }
  let resting = snapshot.livePlans.map((p) => changed.get(p.id) ?? p).filter((p) => p.symbol === symbol && p.status === 'open' && p.restingStop !== undefined).length;
  const stop = async (plan: Plan, action: 'place' | 'move') => {
    const result = action === 'place' ? await execution.restStop(plan, resting) : await execution.moveStop(plan, resting);
    if (action === 'place' && result.plan.restingStop !== undefined) resting++;
    if (action === 'move' && result.plan.restingStop === undefined) resting--;
    changed.set(result.plan.id, result.plan);
    summaries.push(...result.orders);
    fills.push(...result.settledFills);
  };
  for (const { plan, action } of evaluation.stops) {
    const current = changed.get(plan.id) ?? plan;
    // A plan waiting on the venue's limit takes a slot only if one is free now (an exit's
    // stop that could not be cancelled still holds its own); else it waits, unwritten.
    if (resting >= deps.config.maxRestingStopsPerSymbol && stopRetry(current) === 'when_slot_free') continue;
    await stop(current, action);
  }
  for (const approved of evaluation.approved) {
    const result = await execution.enter(approved, lastPrice);
    changed.set(result.plan.id, result.plan);
    summaries.push(result.order);
    if (result.settled) fills.push(...result.settled.fills);
    // An entry that filled when placed has its stop rest now.
    if (result.plan.status === 'open' && deps.config.stops === 'exchange') await stop(result.plan, 'place');
  }
  return { plans: [...changed.values()], orders: orders.orders, summaries, fills };
}
