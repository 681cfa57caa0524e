import type { MemoryLedgerStore } from '../../../../lib/adapters/memory/MemoryLedgerStore.js';
import type { PaperExchange } from '../../../../lib/adapters/paper/PaperExchange.js';
import { deriveClientOrderId } from '../../../../lib/domain/clientOrderId.js';
import { type Decimal, ZERO, dec } from '../../../../lib/domain/decimal.js';
import type { Market } from '../../../../lib/domain/market.js';
import { NO_VENUE_ORDER_ID } from '../../../../lib/services/execution/submitIntent.js';
import { flowsOf } from '../../../support/fillFlows.js';

export { flowsOf };

/** What a run leaves to check: the ledger, the venue, and every client order id that was sent to each. */
export interface RunView {
  readonly ledger: MemoryLedgerStore;
  readonly venue: PaperExchange;
  readonly markets: readonly Market[];
  readonly startingBalances: Readonly<Record<string, string>>;
  readonly intentsInserted: () => readonly string[];
  readonly ordersSent: () => readonly string[];
}


/**
 * 1. The venue's totals are the starting balances moved by the venue's fills, and (once
 * every order has been settled) by the ledger's fills too; nothing is ever negative, and
 * what is in use is what the open orders reserve.
 */
export function balancesFollowFills(view: RunView, settled: boolean): string[] {
  const violations: string[] = [];
  const totals = view.venue.fetchBalances();
  const state = view.venue.toState();
  const byVenue = flowsOf(state.fills);
  const byLedger = flowsOf(view.ledger.fills);
  const reserved = new Map<string, Decimal>();
  for (const r of state.resting) reserved.set(r.reserveAsset, (reserved.get(r.reserveAsset) ?? ZERO).plus(r.reserved));
  const assets = new Set([...Object.keys(view.startingBalances), ...Object.keys(totals), ...byVenue.keys(), ...byLedger.keys()]);
  for (const asset of assets) {
    const start = dec(view.startingBalances[asset] ?? '0');
    const held = dec(totals[asset]?.total ?? '0');
    const fromVenue = start.plus(byVenue.get(asset) ?? ZERO);
    if (!held.eq(fromVenue)) violations.push(`1 balance: ${asset} total ${held.toFixed()}, start + venue fills − fees ${fromVenue.toFixed()}`);
    const fromLedger = start.plus(byLedger.get(asset) ?? ZERO);
    if (settled && !held.eq(fromLedger)) violations.push(`1 balance: ${asset} total ${held.toFixed()}, start + ledger fills − fees ${fromLedger.toFixed()}`);
    if (held.lt(0) || dec(totals[asset]?.free ?? '0').lt(0)) violations.push(`1 balance: ${asset} is negative: ${JSON.stringify(totals[asset])}`);
    const used = dec(totals[asset]?.used ?? '0');
    if (!used.eq(reserved.get(asset) ?? ZERO)) violations.push(`1 balance: ${asset} used ${used.toFixed()}, reserved by open orders ${(reserved.get(asset) ?? ZERO).toFixed()}`);
  }
  return violations;
}

/**
 * 4. No client order id twice: none written as an intent twice, none sent to the venue twice;
 * each is the one its (bot, plan, leg, attempt) derive, and every venue order has its intent.
 */
export function clientOrderIdsOnce(view: RunView): string[] {
  const violations = [...repeated(view.intentsInserted(), 'written as an intent'), ...repeated(view.ordersSent(), 'sent to the venue')];
  const intents = new Set<string>();
  for (const intent of view.ledger.intents()) {
    intents.add(intent.clientOrderId);
    const derived = deriveClientOrderId(intent.botId, intent.planId, intent.leg, intent.attempt);
    if (derived !== intent.clientOrderId) violations.push(`4 ids: intent ${intent.clientOrderId} should be ${derived}`);
  }
  for (const order of view.venue.toState().orders) {
    if (!intents.has(order.clientOrderId)) violations.push(`4 ids: venue order ${order.clientOrderId} has no intent`);
  }
  return violations;
}

function repeated(ids: readonly string[], what: string): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return [...twice].map((id) => `4 ids: ${id} ${what} twice`);
}

/**
 * 5. The ledger's fills are venue fills, field for field; once every order is settled, all of
 * them. Its orders are the venue's too, once ended (an open one may lag the venue until it is
 * settled); one the venue never took is recorded rejected, without a venue id. Every venue
 * fill is at a price a market can trade: at least one tick.
 */
export function ledgerFillsAreVenueFills(view: RunView, settled: boolean): string[] {
  const violations: string[] = [];
  const state = view.venue.toState();
  const venueOrders = new Map(state.orders.map((order) => [order.clientOrderId, order]));
  for (const order of view.ledger.orders()) {
    const atVenue = venueOrders.get(order.clientOrderId);
    const agrees = atVenue === undefined ? order.status === 'rejected' && order.exchangeOrderId === NO_VENUE_ORDER_ID : JSON.stringify(order) === JSON.stringify(atVenue);
    const lags = atVenue !== undefined && order.status === 'open' && !settled;
    if (!agrees && !lags) violations.push(`5 orders: ledger ${JSON.stringify(order)}, venue ${JSON.stringify(atVenue) ?? 'none'}`);
  }
  const venueFills = new Map(state.fills.map((fill) => [fill.id, JSON.stringify(fill)]));
  for (const fill of state.fills) {
    const tick = view.markets.find((m) => m.symbol === fill.symbol)?.priceStep ?? '0';
    if (dec(fill.price).lt(tick) || !dec(fill.amount).gt(0)) violations.push(`5 fills: venue fill ${fill.id} at ${fill.price} for ${fill.amount}, under the tick ${tick} or empty`);
  }
  const ledgerFills = new Map<string, string>();
  for (const fill of view.ledger.fills) {
    const text = JSON.stringify(fill);
    if (ledgerFills.has(fill.id)) violations.push(`5 fills: ${fill.id} is in the ledger twice`);
    ledgerFills.set(fill.id, text);
    if (venueFills.get(fill.id) !== text) violations.push(`5 fills: ledger ${text}, venue ${venueFills.get(fill.id) ?? 'none'}`);
  }
  if (settled) for (const [id, text] of venueFills) if (!ledgerFills.has(id)) violations.push(`5 fills: venue fill ${text} is not in the ledger`);
  return violations;
}
