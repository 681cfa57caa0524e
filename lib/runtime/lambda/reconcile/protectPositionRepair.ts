import { dec } from '../../../domain/decimal.js';
import { describeRefusal } from '../../../domain/executionRefusal.js';
import type { Plan } from '../../../domain/plan.js';
import type { Logger } from '../../../ports/Logger.js';
import type { OrderRepository } from '../../../ports/repositories.js';
import { ExecutionService } from '../../../services/execution/ExecutionService.js';
import { holdsPosition } from '../../../services/plans/planOrders.js';
import type { ProtectPositionRepair } from '../../../services/reconciliation/findings.js';
import type { ReconcileDeps } from './ReconcileDeps.js';
import type { RepairOutcome } from './RepairOutcome.js';

/** Its orders are written through the execution service only: the intents and answers, no unsettled reads. */
type Deps = Pick<ReconcileDeps, 'venue' | 'plans' | 'ledger' | 'killSwitch' | 'clock' | 'logger'> & { readonly config: Pick<ReconcileDeps['config'], 'execution'>; readonly orders: OrderRepository };

/**
 * The most market exits one repair sends for a position the book is too thin to take at once
 * (chaos seed 5161 needed 18 in one run). Each costs some 50 of the venue's 6000 request weight
 * a minute (account 20, myTrades 20, order 1 + 4, ticker 2) and a handful of round trips, to
 * stay well inside the step's 60 s. Each must sell something; a position bigger still is taken
 * up again by the next round.
 */
export const MAX_MARKET_EXITS_PER_REPAIR = 20;

/**
 * Gives a held position its exit (`ExecutionService.protectPosition`), on the plan read
 * again. The plan moves to exiting with the order as its pending exit, written before a
 * market exit that filled is settled, so decide (or the next round) settles it otherwise.
 *
 * A market exit the venue's book could not fill whole ends EXPIRED part-filled, the plan open
 * again under the next attempt with the rest: the rest is protected again at once, on the
 * plan as just written, while each exit sells something (up to MAX_MARKET_EXITS_PER_REPAIR).
 * One exit a round left chaos seeds 5039 and 5161 holding the rest below the stop when the
 * three rounds ran out.
 */
export async function protectPositionRepair(deps: Deps, lockId: string, repair: ProtectPositionRepair): Promise<RepairOutcome> {
  const logger = withLockId(deps.logger, lockId);
  const execution = new ExecutionService({ exchange: await deps.venue(), orders: deps.orders, killSwitch: deps.killSwitch, clock: deps.clock, config: deps.config.execution, logger });
  const details: string[] = [];
  let applied = false;
  let expectedVersion = await versionToCarryOnFrom(deps, logger, repair);
  for (let exits = 1; ; exits++) {
    const step = await protectOnce(deps, execution, logger, lockId, { ...repair, expectedVersion });
    details.push(step.detail);
    applied ||= step.applied;
    if (step.rest === undefined || exits >= MAX_MARKET_EXITS_PER_REPAIR) break;
    logger.warn({ planId: repair.planId, held: step.rest.filledAmount, exitAttempt: step.rest.exitAttempt }, 'market exit part-filled: selling the rest');
    expectedVersion = step.rest.version;
  }
  return { kind: repair.kind, applied, detail: details.join('; ') };
}

/**
 * The version the repair expects: the diff's, unless this is a retry of a step whose earlier
 * exits moved the plan on (it is open at a later exit attempt than the diff saw) and which then
 * failed, say on a ledger write after its last order: the retry carries on from the plan as
 * they left it, so that order is taken up by its client order id (never sent again) and the
 * rest sold. Refused as moved otherwise, the order's fills would be lost to the ledger.
 */
async function versionToCarryOnFrom(deps: Deps, logger: Logger, repair: ProtectPositionRepair): Promise<number> {
  const plan = await deps.plans.get(repair.planId);
  const movedByItsOwnExits = plan?.status === 'open' && repair.exitAttempt !== undefined && plan.exitAttempt > repair.exitAttempt && plan.version > repair.expectedVersion;
  if (!movedByItsOwnExits) return repair.expectedVersion;
  logger.warn({ planId: repair.planId, expectedVersion: repair.expectedVersion, version: plan.version, exitAttempt: plan.exitAttempt }, 'retried: carrying on from the plan its earlier exits moved');
  return plan.version;
}

/** One exit sent and written; `rest` is the plan left open holding a position by a market exit that sold part of it. */
async function protectOnce(deps: Deps, execution: ExecutionService, logger: Logger, lockId: string, repair: ProtectPositionRepair): Promise<{ applied: boolean; detail: string; rest?: Plan }> {
  const plan = await deps.plans.get(repair.planId);
  const result = await execution.protectPosition(plan, repair);
  const skip = (detail: string) => {
    logger.warn({ planId: repair.planId, detail }, 'protective exit not sent');
    return { applied: false, detail };
  };
  if (result.kind === 'refused') return skip(describeRefusal(result.refusal));
  await deps.ledger.commit({ lockId, now: deps.clock.now(), plan: { plan: result.plan, expectedVersion: repair.expectedVersion }, orders: result.kind === 'sent' ? result.answers : [], fills: [] });
  if (result.kind === 'rejected') return skip(`the venue refused the exit: ${result.reason}`);
  if (result.kind === 'botManaged') return { applied: true, detail: `${result.reason}: the stop is bot-managed (UnprotectedPosition)` };
  if (result.kind === 'dust') return { applied: true, detail: `holds ${result.held}, less than the market takes in one order (${result.sellableFrom}): closed as dust` };

  const { intent, outcome } = result;
  logger.warn({ planId: repair.planId, clientOrderId: intent.clientOrderId, type: intent.type, amount: intent.amount, stopPrice: intent.stopPrice, outcome: outcome.kind }, 'protective exit sent');
  const settled = intent.type === 'market' && outcome.kind === 'acknowledged' ? await execution.settleMarketExit(result.plan, intent, result.sellableFrom) : undefined;
  if (settled) {
    const { plan: after, order, fills, stopOut } = settled;
    await deps.ledger.commit({ lockId, now: deps.clock.now(), plan: { plan: after, expectedVersion: result.plan.version }, orders: [order], fills, ...(stopOut ? { stopOut } : {}) });
  }
  const detail = `${intent.type} sell ${intent.amount} ${intent.symbol} (${outcome.kind})${settled ? `, filled ${settled.order.filled}, plan ${settled.plan.status}` : ''}`;
  const soldPart = settled !== undefined && dec(settled.order.filled).gt(0) && settled.plan.status === 'open' && holdsPosition(settled.plan);
  return { applied: true, detail, ...(soldPart ? { rest: settled.plan } : {}) };
}

function withLockId(logger: Logger, lockId: string): Logger {
  return {
    debug: (fields, message) => logger.debug({ lockId, ...fields }, message),
    info: (fields, message) => logger.info({ lockId, ...fields }, message),
    warn: (fields, message) => logger.warn({ lockId, ...fields }, message),
    error: (fields, message) => logger.error({ lockId, ...fields }, message),
  };
}
