import type { BotConfig } from '../../../domain/botConfig.js';
import type { Logger } from '../../../ports/Logger.js';
import { type Drift, type LedgerLookup, findDrift, hasDrift, ordersToLookUp, pendingToLookUp } from './findDrift.js';
import type { HeartbeatDeps, LedgerOrders } from './HeartbeatDeps.js';
import type { HeartbeatObservation } from './observeBot.js';
import type { ReconciliationStart } from '../../../ports/ReconciliationStarter.js';
import { driftExecutionName } from '../reconcile/executionNames.js';

export type DriftCheck =
  | { readonly kind: 'notChecked'; readonly reason: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'found'; readonly drift: Drift; readonly reconciliation: ReconciliationStart | { readonly kind: 'skipped'; readonly reason: string } };

const FINAL_STATUSES = new Set(['closed', 'canceled', 'rejected', 'expired']);

/**
 * How long an intent may go unseen at the venue: a decision in flight writes its intent,
 * sends the order and commits within decide's timeout; a minute more covers clock skew.
 */
export function driftGraceMs(config: BotConfig): number {
  return Math.max(config.decide.timeoutSeconds * 1000, 60_000) + 60_000;
}

/** At most one drift reconciliation per window: three heartbeat periods, at least 15 minutes. */
export function driftWindowMs(config: BotConfig): number {
  return Math.max(15 * 60_000, 3 * config.schedules.heartbeatMinutes * 60_000);
}

/**
 * The venue against the ledger (see `findDrift`), and reconciliation started when they
 * differ. Nothing is done on the exchange for drift itself. Not checked when the venue
 * could not be read: not knowing is not drift. Reconciliation is started only while the bot
 * is ACTIVE: a RECONCILING bot is being reconciled, and a HALTED one waits for a person
 * (its lock would fail). The unsettled index is eventually consistent, so a venue order of
 * ours it does not list is read again consistently before it counts.
 */
export async function checkDrift(observation: HeartbeatObservation, deps: HeartbeatDeps, logger: Logger): Promise<DriftCheck> {
  const { venue, snapshot, now } = observation;
  if (!venue.ok) return { kind: 'notChecked', reason: `venue unreadable: ${venue.reason}` };
  const unsettled = (await Promise.all(observation.symbols.map((s) => deps.orders.listUnsettled(s)))).flat();
  const toLookUp = ordersToLookUp(deps.config.botId, venue.openOrders, unsettled);
  const lookups = new Map(await Promise.all(toLookUp.map(async (id) => [id, await lookUp(deps.orders, id)] as const)));
  const graceMs = driftGraceMs(deps.config);
  const pending = pendingToLookUp({ now, graceMs, venueOpen: venue.openOrders, unsettled, livePlans: snapshot.livePlans });
  const answers = await Promise.all(pending.map(async (id) => ((await deps.orders.getOrder(id)) === undefined ? [id] : [])));
  const drift = findDrift({
    botId: deps.config.botId,
    now,
    graceMs,
    venueOpen: venue.openOrders,
    unsettled,
    lookups,
    livePlans: snapshot.livePlans,
    balances: venue.balances,
    unanswered: new Set(answers.flat()),
  });
  if (!hasDrift(drift)) return { kind: 'none' };
  logger.warn({ drift }, 'drift between the venue and the ledger');
  if (snapshot.state.status !== 'ACTIVE') {
    return { kind: 'found', drift, reconciliation: { kind: 'skipped', reason: `bot is ${snapshot.state.status}` } };
  }
  const name = driftExecutionName(deps.config.botId, now, driftWindowMs(deps.config));
  const reconciliation = await deps.reconcile(name, { reason: 'drift', detectedAt: now, drift }, logger);
  return { kind: 'found', drift, reconciliation };
}

async function lookUp(orders: LedgerOrders, clientOrderId: string): Promise<LedgerLookup> {
  const order = await orders.getOrder(clientOrderId);
  if (order) return FINAL_STATUSES.has(order.status) ? 'final' : 'unsettled';
  return (await orders.getIntent(clientOrderId)) ? 'unsettled' : 'none';
}
