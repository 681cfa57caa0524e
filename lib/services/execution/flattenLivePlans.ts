import { dec } from '../../domain/decimal.js';
import type { OrderSummary } from '../../domain/decisionRecord.js';
import type { Fill, Order } from '../../domain/order.js';
import type { Plan, PlanStatus } from '../../domain/plan.js';
import { transitionPlan } from '../../domain/planLifecycle.js';
import { roundPrice } from '../../domain/precision.js';
import type { Exchange } from '../../ports/Exchange.js';
import type { Logger } from '../../ports/Logger.js';
import type { ExitSignal } from '../plans/ExitSignal.js';
import { cancelPlanOrders } from './cancelPlanOrders.js';
import type { ExecutionResult } from './ExecutionService.js';
import { chainSettled, chainSummaries } from './resultChain.js';

/** The symbol's plans whose pending order ended at the venue, moved by its fills (as decide settles them). */
export interface PendingSettlement {
  readonly plans: readonly Plan[];
  readonly orders: readonly Order[];
  readonly fills: readonly Fill[];
  /** Symbol → time of a stop-out that closed a plan. */
  readonly stopOuts: ReadonlyMap<string, number>;
}

export interface FlattenOptions {
  /** The symbol's latest price, the exit's expected price; undefined when none is known. */
  readonly price: (symbol: string) => Promise<string | undefined>;
  /**
   * Settles the symbol's ended entry and exit orders. Handed in rather than imported: it is
   * the decision cycle's settlement, so FLATTEN and decide settle an order the same way.
   */
  readonly settle: (symbol: string, plans: readonly Plan[], now: number) => Promise<PendingSettlement>;
}

export interface FlattenPorts extends FlattenOptions {
  readonly exchange: Exchange;
  readonly logger: Logger;
  readonly now: number;
  /** One exit through execution: kill switch read, intent written, then the order. */
  readonly exit: (plan: Plan, exit: ExitSignal, heldAmount: string) => Promise<ExecutionResult>;
}

export interface FlattenedPlan {
  readonly planId: string;
  readonly symbol: string;
  readonly from: PlanStatus;
  readonly to: PlanStatus;
  readonly note?: string;
}

/** Everything FLATTEN changed, for the caller's one ledger commit. */
export interface FlattenResult {
  readonly kind: 'flattened';
  /** Plans at their new state, only those that moved. */
  readonly changed: readonly Plan[];
  readonly report: readonly FlattenedPlan[];
  readonly orders: readonly OrderSummary[];
  /** The venue's final view of each settled pending order, and its fills. */
  readonly settledOrders: readonly Order[];
  readonly fills: readonly Fill[];
  readonly stopOuts: ReadonlyMap<string, number>;
}

/**
 * FLATTEN over the live plans, symbol by symbol: cancel their open orders at the venue first,
 * settle the pending orders that ended (an entry that filled meanwhile opens its plan, an
 * exit that filled closes it), then close at market exactly what each open plan holds.
 * Approved plans that never sent an entry are cancelled. A plan whose order could not be
 * cancelled, whose cancelled stop had filled, or whose order is still working or unknown
 * at the venue is left for reconciliation: never sold on a position the ledger may overstate.
 */
export async function flattenLivePlans(livePlans: readonly Plan[], ports: FlattenPorts): Promise<FlattenResult> {
  const changed = new Map<string, Plan>();
  const report: FlattenedPlan[] = [];
  const orders: OrderSummary[] = [];
  const settledOrders: Order[] = [];
  const fills: Fill[] = [];
  const stopOuts = new Map<string, number>();

  for (const symbol of new Set(livePlans.map((p) => p.symbol))) {
    const plans = livePlans.filter((p) => p.symbol === symbol);
    const { held } = await cancelPlanOrders(symbol, plans, ports.exchange, ports.logger);
    const settlement = await ports.settle(symbol, plans, ports.now);
    settledOrders.push(...settlement.orders);
    fills.push(...settlement.fills);
    for (const [s, time] of settlement.stopOuts) stopOuts.set(s, time);
    for (const original of plans) {
      const settled = settlement.plans.find((p) => p.id === original.id) ?? original;
      const step = await flattenOne(settled, held.get(original.id), ports);
      if (step.plan !== original) changed.set(step.plan.id, step.plan);
      orders.push(...step.orders);
      settledOrders.push(...step.settled.orders);
      fills.push(...step.settled.fills);
      report.push({ planId: original.id, symbol, from: original.status, to: step.plan.status, ...(step.note ? { note: step.note } : {}) });
    }
  }
  return { kind: 'flattened', changed: [...changed.values()], report, orders, settledOrders, fills, stopOuts };
}

interface FlattenStep {
  readonly plan: Plan;
  readonly orders: readonly OrderSummary[];
  readonly settled: { readonly orders: readonly Order[]; readonly fills: readonly Fill[] };
  readonly note?: string;
}

const NOTHING_SETTLED = Object.freeze({ orders: [], fills: [] });

async function flattenOne(plan: Plan, heldBack: string | undefined, ports: FlattenPorts): Promise<FlattenStep> {
  const untouched = (next: Plan, note?: string): FlattenStep => ({ plan: next, orders: [], settled: NOTHING_SETTLED, ...(note ? { note } : {}) });
  if (heldBack !== undefined) return untouched(plan, heldBack);
  if (plan.status === 'approved') return untouched(transitionPlan(plan, 'cancelled', ports.now), 'no entry was sent: cancelled');
  if (plan.status === 'entering' || plan.status === 'exiting') return untouched(plan, 'its order is still working or unknown at the venue: left for reconciliation');
  if (plan.status !== 'open') return untouched(plan);
  const held = plan.filledAmount ?? '0';
  if (dec(held).lte(0)) return untouched(plan, 'open but holds nothing: left for reconciliation');

  const market = await ports.exchange.market(plan.symbol);
  const reference = (await ports.price(plan.symbol)) ?? plan.avgEntryPrice ?? plan.entry;
  const price = roundPrice(reference, market, 'nearest').toFixed();
  const result = await ports.exit(plan, { planId: plan.id, reason: 'flatten', price, orderType: 'market' }, held);
  return { plan: result.plan, orders: chainSummaries(result), settled: chainSettled(result), ...(result.order.reason ? { note: result.order.reason } : {}) };
}
