import type { ExecutionConfig } from '../../../domain/config.js';
import type { OrderSummary } from '../../../domain/decisionRecord.js';
import { describeRefusal } from '../../../domain/executionRefusal.js';
import { LedgerChangedError, PlanVersionConflictError } from '../../../domain/errors.js';
import type { Clock } from '../../../ports/Clock.js';
import type { Exchange } from '../../../ports/Exchange.js';
import type { KillSwitch } from '../../../ports/KillSwitch.js';
import type { LedgerStore, TradingSnapshot } from '../../../ports/LedgerStore.js';
import type { Logger } from '../../../ports/Logger.js';
import { ExecutionService } from '../../../services/execution/ExecutionService.js';
import type { FlattenedPlan } from '../../../services/execution/flattenLivePlans.js';
import { DecisionOrders } from '../../../services/decision/DecisionOrders.js';
import { settlePendingOrders } from '../../../services/decision/settlePendingOrders.js';

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

export interface FlattenReport {
  readonly outcome: 'flattened' | 'nothingToDo' | 'refused';
  readonly reason?: string;
  readonly plans: readonly FlattenedPlan[];
  readonly orders: readonly OrderSummary[];
}

/** Times the whole procedure runs again on a fresh snapshot after another writer moved the ledger. */
const MAX_STALE_RETRIES = 2;

/**
 * FLATTEN, at once, on the ledger's live plans: execution cancels, settles and closes them
 * (`ExecutionService.flatten`; each intent written, guarded by the ledger version, before
 * its order), and it is all written in one ledger commit. Only an ACTIVE bot is flattened
 * here: while RECONCILING or HALTED the ledger is someone else's to change. Every step is
 * idempotent by client order id, so a run again on a fresh snapshot (another writer moved
 * the ledger) never sends a second order.
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
  const result = await execution.flatten(snapshot.livePlans, {
    price: deps.price,
    settle: (symbol, plans, at) => Promise.resolve(settlePendingOrders(symbol, plans, deps.exchange, at, deps.logger)),
  });
  if (result.kind === 'refused') return { outcome: 'refused', reason: describeRefusal(result.refusal), plans: [], orders: [] };

  if (result.changed.length > 0 || result.settledOrders.length > 0 || ledgerOrders.orders.length > 0) {
    const version = (id: string) => snapshot.livePlans.find((p) => p.id === id)?.version ?? 0;
    await deps.ledger.commit({
      ledgerVersion: snapshot.state.ledgerVersion,
      now,
      plans: result.changed.map((plan) => ({ plan, expectedVersion: version(plan.id) })),
      orders: [...result.settledOrders, ...ledgerOrders.orders],
      fills: result.fills,
      ...(result.stopOuts.size > 0 ? { stopOuts: result.stopOuts } : {}),
    });
  }
  return { outcome: 'flattened', plans: result.report, orders: result.orders };
}
