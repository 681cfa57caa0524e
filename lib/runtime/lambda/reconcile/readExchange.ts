import { isOwnClientOrderId } from '../../../domain/clientOrderId.js';
import { type Decimal, ZERO, dec, toDecimalString } from '../../../domain/decimal.js';
import type { Fill, Order } from '../../../domain/order.js';
import { smallestSellable } from '../../../domain/precision.js';
import type { Exchange } from '../../../ports/Exchange.js';
import { holdsPosition, pendingClientOrderId, planFillsFrom } from '../../../services/plans/planOrders.js';
import type { ExchangeSnapshot, FinalOrderAtVenue, LedgerRecordKind, LedgerSnapshot } from '../../../services/reconciliation/snapshots.js';
import { symbolsOf } from './readLedger.js';
import type { ReconcileDeps } from './ReconcileDeps.js';

const FINAL_STATUSES: ReadonlySet<Order['status']> = new Set(['closed', 'canceled', 'rejected', 'expired']);

/** How far back the venue's fills are read for orders under a client order id the ledger holds as final. */
export const FINAL_ORDER_LOOKBACK_MS = 24 * 60 * 60_000;

/**
 * The venue as reconciliation needs it, asked about what the ledger waits on: balances, open
 * orders per symbol, each awaited order by client order id, our fills since the oldest thing
 * awaited, the last price of each symbol a plan holds, and the least amount the market takes
 * in one order (at that price) on each symbol a plan or an awaited order is on. Any call that fails fails the
 * whole snapshot: half an answer must never read as "no orders" or "flat".
 */
export async function readExchange(deps: Pick<ReconcileDeps, 'config' | 'venue' | 'orders' | 'clock'>, ledger: LedgerSnapshot): Promise<ExchangeSnapshot> {
  const exchange = await deps.venue();
  const symbols = symbolsOf(deps, ledger.livePlans);
  const awaited = new Map<string, { symbol: string; since: number }>();
  for (const { intent } of ledger.unsettled) awaited.set(intent.clientOrderId, { symbol: intent.symbol, since: intent.createdAt });
  for (const plan of ledger.livePlans) {
    const id = pendingClientOrderId(plan);
    if (id && !awaited.has(id)) awaited.set(id, { symbol: plan.symbol, since: planFillsFrom(plan) });
  }
  const fillsSince = new Map<string, number>();
  const since = (symbol: string, time: number) => fillsSince.set(symbol, Math.min(fillsSince.get(symbol) ?? time, time));
  for (const { symbol, since: time } of awaited.values()) since(symbol, time);
  for (const plan of ledger.livePlans) since(plan.symbol, planFillsFrom(plan));
  const priced = [...new Set(ledger.livePlans.filter(holdsPosition).map((p) => p.symbol))];
  // Markets only where something is awaited or held: a paper venue knows a market only once
  // capture has recorded it, so a fresh paper bot has none, and needs none.
  const withMarket = [...new Set([...ledger.livePlans.map((p) => p.symbol), ...[...awaited.values()].map((a) => a.symbol)])];

  const [markets, balances, openOrders, answers, prices] = await Promise.all([
    Promise.all(withMarket.map(async (symbol) => [symbol, await exchange.market(symbol)] as const)),
    exchange.fetchBalances(),
    Promise.all(symbols.map((s) => exchange.fetchOpenOrders(s))).then((lists) => lists.flat()),
    Promise.all([...awaited].map(async ([id, { symbol }]) => [id, (await exchange.fetchOrderByClientId(symbol, id)) ?? null] as const)),
    Promise.all(priced.map(async (symbol) => [symbol, toDecimalString(dec(await exchange.fetchLastPrice(symbol)))] as const)),
  ]);
  const lastPrices: Record<string, string> = Object.fromEntries(prices);
  // From the venue's own order times too: an order adopted on a redelivery is older than its plan.
  for (const [, order] of answers) if (order) since(order.symbol, order.timestamp);
  const fills = (await Promise.all([...fillsSince].map(([symbol, time]) => exchange.fetchFills(symbol, time)))).flat();
  const ownStray = openOrders.filter((o) => isOwnClientOrderId(deps.config.botId, o.clientOrderId) && !awaited.has(o.clientOrderId));
  const ledgerRecords = await Promise.all(ownStray.map(async (o) => [o.clientOrderId, await ledgerRecordOf(deps, o.clientOrderId)] as const));
  const recentFills = (await Promise.all(symbols.map((s) => exchange.fetchFills(s, deps.clock.now() - FINAL_ORDER_LOOKBACK_MS)))).flat();
  const finalOrdersAtVenue = await readFinalOrdersAtVenue(deps, exchange, recentFills, awaited);
  const fillIds = new Set(fills.map((f) => f.id));
  for (const { venue } of finalOrdersAtVenue) fills.push(...recentFills.filter((f) => f.clientOrderId === venue.clientOrderId && !fillIds.has(f.id)));
  return {
    takenAt: deps.clock.now(),
    balances,
    openOrders,
    orders: Object.fromEntries(answers),
    smallestSellable: Object.fromEntries(markets.map(([symbol, market]) => [symbol, toDecimalString(smallestSellable(market, lastPrices[symbol] ?? '0'))])),
    fills,
    lastPrices,
    ledgerRecords: Object.fromEntries(ledgerRecords),
    finalOrdersAtVenue,
  };
}

/**
 * Our orders that filled at the venue under a client order id the ledger holds as final with
 * another answer (rejected, or less filled than the venue's fills): what a client order id
 * sent again after its final answer leaves behind. Each is looked up by client order id.
 */
async function readFinalOrdersAtVenue(
  deps: Pick<ReconcileDeps, 'config' | 'orders'>,
  exchange: Exchange,
  recentFills: readonly Fill[],
  awaited: ReadonlyMap<string, unknown>,
): Promise<FinalOrderAtVenue[]> {
  const filledAtVenue = new Map<string, Decimal>();
  for (const fill of recentFills) {
    if (!isOwnClientOrderId(deps.config.botId, fill.clientOrderId) || awaited.has(fill.clientOrderId)) continue;
    filledAtVenue.set(fill.clientOrderId, (filledAtVenue.get(fill.clientOrderId) ?? ZERO).plus(fill.amount));
  }
  const found = await Promise.all(
    [...filledAtVenue].map(async ([clientOrderId, filled]) => {
      const record = await deps.orders.getRecord(clientOrderId);
      const recorded = record?.order;
      if (!record || !recorded || !FINAL_STATUSES.has(recorded.status)) return undefined;
      if (recorded.status !== 'rejected' && dec(recorded.filled).gte(filled)) return undefined;
      const venue = await exchange.fetchOrderByClientId(recorded.symbol, clientOrderId);
      return venue ? { intent: record.intent, recorded, venue } : undefined;
    }),
  );
  return found.filter((f): f is FinalOrderAtVenue => f !== undefined);
}

async function ledgerRecordOf(deps: Pick<ReconcileDeps, 'orders'>, clientOrderId: string): Promise<LedgerRecordKind> {
  const record = await deps.orders.getRecord(clientOrderId);
  if (!record) return 'none';
  return record.order && FINAL_STATUSES.has(record.order.status) ? 'final' : 'unsettled';
}
