import { isOwnClientOrderId } from '../../../domain/clientOrderId.js';
import { type Decimal, ZERO, dec, toDecimalString } from '../../../domain/decimal.js';
import { splitSymbol } from '../../../domain/market.js';
import type { Order, OrderIntent } from '../../../domain/order.js';
import type { Plan } from '../../../domain/plan.js';
import type { Balances } from '../../../ports/Exchange.js';
import { awaitedClientOrderIds, pendingClientOrderId, restingStopClientOrderId } from '../../../services/plans/planOrders.js';

/** What a consistent read of the orders table says about a client order id. */
export type LedgerLookup = 'none' | 'unsettled' | 'final';

export interface DriftInput {
  readonly botId: string;
  readonly now: number;
  /** An intent younger than this may still be on its way to the venue. */
  readonly graceMs: number;
  /** The venue's open orders of every symbol read. */
  readonly venueOpen: readonly Order[];
  /** The ledger's unsettled intents of the same symbols (the `unsettled` index, eventually consistent). */
  readonly unsettled: readonly OrderIntent[];
  /** Consistent reads of the ids `ordersToLookUp` named. */
  readonly lookups: ReadonlyMap<string, LedgerLookup>;
  readonly livePlans: readonly Plan[];
  readonly balances: Balances;
  /** The ids `pendingToLookUp` named that a consistent read found with no answer from the venue recorded. */
  readonly unanswered: ReadonlySet<string>;
}

export interface Drift {
  /** Orders of ours (our client order id prefix) open on the venue that the ledger has no intent for. */
  readonly unknownOrders: readonly { readonly symbol: string; readonly clientOrderId: string; readonly exchangeOrderId: string }[];
  /** Open on the venue, final (closed, canceled…) in the ledger. */
  readonly finalButOpen: readonly { readonly symbol: string; readonly clientOrderId: string }[];
  /** Unsettled in the ledger, older than the grace, not open on the venue, and no plan's pending order unless no answer to it was ever recorded. */
  readonly missingAtVenue: readonly { readonly symbol: string; readonly clientOrderId: string; readonly planId: string; readonly createdAt: number }[];
  /** A base asset the venue holds less of than the live plans do. */
  readonly balanceShort: readonly { readonly asset: string; readonly venue: string; readonly plans: string }[];
}

/** Our venue orders the unsettled index does not list: each needs a consistent read before it counts as drift. */
export function ordersToLookUp(botId: string, venueOpen: readonly Order[], unsettled: readonly OrderIntent[]): string[] {
  const listed = new Set(unsettled.map((i) => i.clientOrderId));
  return venueOpen.filter((o) => isOwnClientOrderId(botId, o.clientOrderId) && !listed.has(o.clientOrderId)).map((o) => o.clientOrderId);
}

/**
 * Live plans' pending intents (and resting stops) past the grace that the venue does not list open: each needs a
 * consistent read of its venue answer. One answered (an order that ended) is decide's to
 * settle; one never answered (an unknown outcome: its client order id is never sent again)
 * only reconciliation settles.
 */
export function pendingToLookUp(input: Pick<DriftInput, 'now' | 'graceMs' | 'venueOpen' | 'unsettled' | 'livePlans'>): string[] {
  const open = new Set(input.venueOpen.map((o) => o.clientOrderId));
  const pending = new Set(input.livePlans.flatMap(awaitedClientOrderIds));
  return input.unsettled.filter((i) => pending.has(i.clientOrderId) && i.createdAt <= input.now - input.graceMs && !open.has(i.clientOrderId)).map((i) => i.clientOrderId);
}

/**
 * The venue against the ledger. Orders without our prefix are someone else's and ignored.
 * An unsettled intent that is some live plan's pending order (its entry while entering, its
 * exit while exiting) or its resting stop is not drift when the venue no longer lists it and its
 * answer was recorded: decide settles it on the plan's next candle. One with no answer ever
 * recorded (see `pendingToLookUp`) is. Balances: each base asset must cover what the live plans hold
 * (open plans' filled amounts; an exiting plan's filled amount less what its open exit order
 * has sold; plans whose order ended unsettled are left out until decide settles them). More
 * on the venue than the plans hold is not drift: the account may hold more.
 */
export function findDrift(input: DriftInput): Drift {
  const openById = new Map(input.venueOpen.map((o) => [o.clientOrderId, o]));
  const listed = new Set(input.unsettled.map((i) => i.clientOrderId));
  const pending = new Set(input.livePlans.flatMap(awaitedClientOrderIds));

  const unknownOrders: Drift['unknownOrders'][number][] = [];
  const finalButOpen: Drift['finalButOpen'][number][] = [];
  for (const order of input.venueOpen) {
    if (!isOwnClientOrderId(input.botId, order.clientOrderId) || listed.has(order.clientOrderId)) continue;
    const lookup = input.lookups.get(order.clientOrderId) ?? 'none';
    if (lookup === 'none') unknownOrders.push({ symbol: order.symbol, clientOrderId: order.clientOrderId, exchangeOrderId: order.exchangeOrderId });
    else if (lookup === 'final') finalButOpen.push({ symbol: order.symbol, clientOrderId: order.clientOrderId });
  }

  const missingAtVenue = input.unsettled
    .filter((i) => i.createdAt <= input.now - input.graceMs && !openById.has(i.clientOrderId) && (!pending.has(i.clientOrderId) || input.unanswered.has(i.clientOrderId)))
    .map((i) => ({ symbol: i.symbol, clientOrderId: i.clientOrderId, planId: i.planId, createdAt: i.createdAt }));

  const held = new Map<string, Decimal>();
  for (const plan of input.livePlans) {
    const amount = heldByPlan(plan, openById);
    if (amount === undefined) continue;
    const { base } = splitSymbol(plan.symbol);
    held.set(base, (held.get(base) ?? ZERO).plus(amount));
  }
  const balanceShort: Drift['balanceShort'][number][] = [];
  for (const [asset, plans] of held) {
    const venue = dec(input.balances[asset]?.total ?? '0');
    if (venue.lt(plans)) balanceShort.push({ asset, venue: toDecimalString(venue), plans: toDecimalString(plans) });
  }
  return { unknownOrders, finalButOpen, missingAtVenue, balanceShort };
}

export function hasDrift(drift: Drift): boolean {
  return drift.unknownOrders.length + drift.finalButOpen.length + drift.missingAtVenue.length + drift.balanceShort.length > 0;
}

function heldByPlan(plan: Plan, openById: ReadonlyMap<string, Order>): Decimal | undefined {
  const filled = dec(plan.filledAmount ?? '0');
  if (plan.status === 'open') {
    // A resting stop sells from the position: what it sold is gone from the venue, and a stop
    // that has ended unsettled leaves the plan out until decide settles it.
    const stopId = restingStopClientOrderId(plan);
    if (stopId === undefined) return filled;
    const stop = openById.get(stopId);
    return stop ? filled.minus(stop.filled) : undefined;
  }
  if (plan.status !== 'exiting') return undefined;
  const exit = openById.get(pendingClientOrderId(plan) ?? '');
  return exit ? filled.minus(exit.filled) : undefined;
}
