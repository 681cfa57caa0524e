import { deriveClientOrderId } from '../../lib/domain/clientOrderId.js';
import { dec, toDecimalString } from '../../lib/domain/decimal.js';
import type { Fee, Fill, Order, OrderIntent, OrderLeg, OrderStatus } from '../../lib/domain/order.js';
import type { Plan } from '../../lib/domain/plan.js';
import type { AssetBalance, Balances } from '../../lib/ports/Exchange.js';
import { buildEntryIntent, buildExitIntent } from '../../lib/services/execution/buildIntent.js';
import type { ExitSignal } from '../../lib/services/plans/ExitSignal.js';
import type { DiffInput, ReconciliationSettings } from '../../lib/services/reconciliation/DiffInput.js';
import type { Finding } from '../../lib/services/reconciliation/findings.js';
import type { ExchangeSnapshot, LedgerSnapshot, UnsettledIntent } from '../../lib/services/reconciliation/snapshots.js';
import { PLAN_OPENED_AT, aPlan } from './planFixture.js';

export const MINUTE = 60_000;
export const BOT_ID = 'test';
/** When the intents of the fixtures were written: well before NOW. */
export const SENT_AT = PLAN_OPENED_AT + 5 * MINUTE;
/** When the reconciliation reads both sides. */
export const NOW = PLAN_OPENED_AT + 30 * MINUTE;
export const GRACE_MS = MINUTE;
/** The series the fixture plans trade (`aPlan`: ETH/BTC 1m). */
export const ETH_BTC_1M = 'ETH/BTC#1m';

export const DEFAULT_SETTINGS: ReconciliationSettings = { unknownOrders: 'cancel', unprotectedPositions: 'stop', balanceTolerance: '0.01' };

/** The fixture plan (`aPlan`) as execution leaves it once its entry is sent: entering, nothing filled. */
export function anEnteringPlan(overrides: Partial<Plan> = {}): Plan {
  return aPlan({
    status: 'entering',
    activeStop: undefined,
    highWatermark: undefined,
    openedAt: undefined,
    filledAmount: undefined,
    avgEntryPrice: undefined,
    updatedAt: SENT_AT,
    ...overrides,
  });
}

/** The fixture plan (`aPlan`, 1 ETH held) once its exit is sent: exiting for `target` unless told. */
export function anExitingPlan(overrides: Partial<Plan> = {}): Plan {
  return aPlan({ status: 'exiting', exitReason: 'target', updatedAt: SENT_AT, version: 4, ...overrides });
}

export function idOf(plan: Plan, leg: OrderLeg, attempt = leg === 'entry' ? plan.entryAttempt : plan.exitAttempt): string {
  return deriveClientOrderId(plan.botId, plan.id, leg, attempt);
}

/** The plan's entry intent, as execution builds it (a market buy of the approved amount). */
export function anEntryIntent(plan: Plan, createdAt = SENT_AT): OrderIntent {
  return buildEntryIntent(plan, createdAt);
}

/** The plan's exit intent, as execution builds it for the signal (leg `stop` for a stop). */
export function anExitIntent(plan: Plan, signal: Omit<ExitSignal, 'planId'>, amount = plan.filledAmount ?? '0', createdAt = SENT_AT): OrderIntent {
  return buildExitIntent(plan, { planId: plan.id, ...signal }, amount, createdAt);
}

/** The venue's view of an intent's order: open and unfilled unless told. */
export function anOrder(intent: OrderIntent, overrides: Partial<Order> = {}): Order {
  return {
    clientOrderId: intent.clientOrderId,
    exchangeOrderId: `venue-${intent.clientOrderId}`,
    symbol: intent.symbol,
    side: intent.side,
    type: intent.type,
    status: 'open',
    amount: intent.amount,
    filled: '0',
    ...(intent.type !== 'market' && intent.price !== undefined ? { price: intent.price } : {}),
    ...(intent.stopPrice !== undefined ? { stopPrice: intent.stopPrice } : {}),
    timestamp: intent.createdAt,
    ...overrides,
  };
}

/** The order ended at the venue with `filled` done at `average`. */
export function anEndedOrder(intent: OrderIntent, status: Exclude<OrderStatus, 'open'>, filled: string, average?: string): Order {
  return anOrder(intent, { status, filled, ...(average !== undefined ? { average } : {}) });
}

/** One fill of an order: cost is price × amount, exact. */
export function aFill(order: Pick<Order, 'clientOrderId' | 'exchangeOrderId' | 'symbol' | 'side'>, id: string, price: string, amount: string, fee: Fee, timestamp: number): Fill {
  return {
    id,
    clientOrderId: order.clientOrderId,
    exchangeOrderId: order.exchangeOrderId,
    symbol: order.symbol,
    side: order.side,
    price,
    amount,
    cost: toDecimalString(dec(price).times(amount)),
    fee,
    timestamp,
  };
}

/** Balances with everything free: `{ ETH: '1' }`. */
export function balancesOf(totals: Readonly<Record<string, string>>): Balances {
  return Object.fromEntries(Object.entries(totals).map(([asset, total]): [string, AssetBalance] => [asset, { free: total, used: '0', total }]));
}

/** An unsettled intent: `order` once the venue acknowledged it, `plan` the plan as sent. */
export function unsettled(intent: OrderIntent, extra: { order?: Order; plan?: Plan } = {}): UnsettledIntent {
  return { intent, ...extra };
}

/** The venue with nothing on it but ETH/BTC's market and last price (0.1). */
export function anExchangeSnapshot(overrides: Partial<ExchangeSnapshot> = {}): ExchangeSnapshot {
  return {
    takenAt: NOW,
    balances: {},
    openOrders: [],
    orders: {},
    fills: [],
    smallestSellable: { 'ETH/BTC': '0.001' },
    lastPrices: { 'ETH/BTC': '0.1' },
    ledgerRecords: {},
    finalOrdersAtVenue: [],
    ...overrides,
  };
}

/** The ledger, read under the reconciliation's lock: no plans, nothing unsettled unless told. */
export function aLedgerSnapshot(overrides: Partial<LedgerSnapshot> = {}): LedgerSnapshot {
  return {
    takenAt: NOW,
    state: { status: 'RECONCILING', ledgerVersion: 12, updatedAt: NOW, lockedBy: 'reconcile-1' },
    livePlans: [],
    unsettled: [],
    ...overrides,
  };
}

export interface DiffInputParts extends Partial<Omit<DiffInput, 'exchange' | 'ledger' | 'settings'>> {
  readonly exchange?: Partial<ExchangeSnapshot>;
  readonly ledger?: Partial<LedgerSnapshot>;
  readonly settings?: Partial<ReconciliationSettings>;
}

/** A diff's input: bot `test` at NOW with a minute's grace, deciding ETH/BTC 1m, default settings. */
export function aDiffInput(parts: DiffInputParts = {}): DiffInput {
  const { exchange, ledger, settings, ...rest } = parts;
  return {
    botId: BOT_ID,
    now: NOW,
    graceMs: GRACE_MS,
    decidedSeries: new Set([ETH_BTC_1M]),
    ...rest,
    settings: { ...DEFAULT_SETTINGS, ...settings },
    exchange: anExchangeSnapshot(exchange),
    ledger: aLedgerSnapshot(ledger),
  };
}

/** A finding without its free-text detail, for exact comparisons. */
export function withoutDetail(finding: Finding): Omit<Finding, 'detail'> {
  return Object.fromEntries(Object.entries(finding).filter(([key]) => key !== 'detail')) as Omit<Finding, 'detail'>;
}
