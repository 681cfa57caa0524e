import type { ExecutionConfig } from '../../../domain/config.js';
import { dec } from '../../../domain/decimal.js';
import type { OrderSummary } from '../../../domain/decisionRecord.js';
import { LedgerChangedError, PlanVersionConflictError } from '../../../domain/errors.js';
import type { Fill, Order } from '../../../domain/order.js';
import type { Plan, PlanStatus } from '../../../domain/plan.js';
import { transitionPlan } from '../../../domain/planLifecycle.js';
import { roundPrice } from '../../../domain/precision.js';
import type { Clock } from '../../../ports/Clock.js';
import type { Exchange } from '../../../ports/Exchange.js';
import type { KillSwitch } from '../../../ports/KillSwitch.js';
import type { LedgerStore, TradingSnapshot } from '../../../ports/LedgerStore.js';
import type { Logger } from '../../../ports/Logger.js';
import { ExecutionService } from '../../../services/execution/ExecutionService.js';
import { DecisionOrders } from '../../../services/decision/DecisionOrders.js';
import { settlePendingOrders } from '../../../services/decision/settlePendingOrders.js';
import { cancelPlanOrders } from './cancelPlanOrders.js';

export interface FlattenDeps {
  readonly ledger: LedgerStore;
  readonly exchange: Exchange;
  /** Read by execution before each exit: HALT still stops it. */
  readonly killSwitch: KillSwitch;
  readonly clock: Clock;
  readonly execution: ExecutionConfig;
  readonly logger: Logger;
  /** The symbol's latest price, the exit's expected price; undefined when none is known. */
  readonly price: (symbol: string) => Promise<string | undefined>;
}

export interface FlattenedPlan {
  readonly planId: string;
  readonly symbol: string;
  readonly from: PlanStatus;
  readonly to: PlanStatus;
  readonly note?: string;
}

export interface FlattenReport {
  readonly outcome: 'flattened' | 'nothingToDo' | 'refused';
  readonly reason?: string;
  readonly plans: readonly FlattenedPlan[];
  readonly orders: readonly OrderSummary[];
}

/** Times the whole procedure runs again on a fresh snapshot after another writer moved the ledger. */
const MAX_STALE_RETRIES = 2;

/**
 * FLATTEN, at once: for every live plan, cancel its open orders at the venue, settle the
 * orders that ended (as decide does), then close what it holds at market through the
 * execution service (intent written, guarded by the ledger version, before the order),
 * and write it all in one ledger commit. Approved plans that never sent an entry are
 * cancelled. A plan whose order could not be cancelled, or is unknown at the venue, is left
 * for reconciliation. Only an ACTIVE bot is flattened here: while RECONCILING or HALTED the
 * ledger is someone else's to change. Every step is idempotent by client order id, so a run
 * again on a fresh snapshot (another writer moved the ledger) never sends a second order.
 */
export async function flattenPlans(deps: FlattenDeps): Promise<FlattenReport> {
  for (let attempt = 0; ; attempt++) {
    const snapshot = await deps.ledger.load();
    if (snapshot.state.status !== 'ACTIVE') return { outcome: 'refused', reason: `bot is ${snapshot.state.status}`, plans: [], orders: [] };
    if (snapshot.livePlans.length === 0) return { outcome: 'nothingToDo', plans: [], orders: [] };
    try {
      return await flattenOn(snapshot, deps);
    } catch (error) {
      const stale = error instanceof LedgerChangedError || error instanceof PlanVersionConflictError;
      if (!stale || attempt >= MAX_STALE_RETRIES) throw error;
      deps.logger.info({ attempt }, 'flatten: the ledger moved; again on a fresh snapshot');
    }
  }
}

async function flattenOn(snapshot: TradingSnapshot, deps: FlattenDeps): Promise<FlattenReport> {
  const now = deps.clock.now();
  const ledgerOrders = new DecisionOrders(deps.ledger, snapshot.state.ledgerVersion);
  const execution = new ExecutionService({ exchange: deps.exchange, orders: ledgerOrders, killSwitch: deps.killSwitch, clock: deps.clock, config: deps.execution, logger: deps.logger });
  const changed = new Map<string, Plan>();
  const report: FlattenedPlan[] = [];
  const summaries: OrderSummary[] = [];
  const settledOrders: Order[] = [];
  const fills: Fill[] = [];
  const stopOuts = new Map<string, number>();

  for (const symbol of new Set(snapshot.livePlans.map((p) => p.symbol))) {
    const plans = snapshot.livePlans.filter((p) => p.symbol === symbol);
    const { held } = await cancelPlanOrders(symbol, plans, deps.exchange, deps.logger);
    const settlement = await settlePendingOrders(symbol, plans, deps.exchange, now, deps.logger);
    settledOrders.push(...settlement.orders);
    fills.push(...settlement.fills);
    for (const [s, time] of settlement.stopOuts) stopOuts.set(s, time);
    for (const original of plans) {
      const settled = settlement.plans.find((p) => p.id === original.id) ?? original;
      const step = await flattenOne(settled, held.get(original.id), now, execution, deps);
      const next = step.plan;
      if (next !== original) changed.set(next.id, next);
      if (step.order) summaries.push(step.order);
      report.push({ planId: original.id, symbol, from: original.status, to: next.status, ...(step.note ? { note: step.note } : {}) });
    }
  }

  if (changed.size > 0 || settledOrders.length > 0 || ledgerOrders.orders.length > 0) {
    const version = (id: string) => snapshot.livePlans.find((p) => p.id === id)?.version ?? 0;
    await deps.ledger.commit({
      ledgerVersion: snapshot.state.ledgerVersion,
      now,
      plans: [...changed.values()].map((plan) => ({ plan, expectedVersion: version(plan.id) })),
      orders: [...settledOrders, ...ledgerOrders.orders],
      fills,
      ...(stopOuts.size > 0 ? { stopOuts } : {}),
    });
  }
  return { outcome: 'flattened', plans: report, orders: summaries };
}

async function flattenOne(plan: Plan, heldBack: string | undefined, now: number, execution: ExecutionService, deps: FlattenDeps): Promise<{ plan: Plan; order?: OrderSummary; note?: string }> {
  if (heldBack !== undefined) return { plan, note: heldBack };
  if (plan.status === 'approved') return { plan: transitionPlan(plan, 'cancelled', now), note: 'no entry was sent: cancelled' };
  if (plan.status === 'entering' || plan.status === 'exiting') return { plan, note: 'its order is still working or unknown at the venue: left for reconciliation' };
  if (plan.status !== 'open') return { plan };
  const held = plan.filledAmount ?? '0';
  if (dec(held).lte(0)) return { plan, note: 'open but holds nothing: left for reconciliation' };

  const market = await deps.exchange.market(plan.symbol);
  const reference = (await deps.price(plan.symbol)) ?? plan.avgEntryPrice ?? plan.entry;
  const price = roundPrice(reference, market, 'nearest').toFixed();
  const result = await execution.exit(plan, { planId: plan.id, reason: 'flatten', price, orderType: 'market' }, held);
  return { plan: result.plan, order: result.order, ...(result.order.reason ? { note: result.order.reason } : {}) };
}
