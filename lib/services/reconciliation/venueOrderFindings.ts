import { isOwnClientOrderId, parseClientOrderId } from '../../domain/clientOrderId.js';
import type { Order, OrderIntent } from '../../domain/order.js';
import { awaitedClientOrderIds, planClientOrderIds } from '../plans/planOrders.js';
import type { DiffInput } from './DiffInput.js';
import type { Finding, Repair } from './findings.js';

/** The plan id recorded for an order of ours that no live plan can have sent. */
const UNKNOWN_PLAN_ID = 'unknown';

/**
 * Findings 5 and 6, from the venue's open orders. Someone else's order (no prefix of ours)
 * is reported and left alone. An order of ours that is no unsettled intent and no live
 * plan's pending order or resting stop is unknown to the ledger, or already final there: cancelled, or (when the
 * ledger has no record and the configuration says so) adopted as it is. An order the
 * ledger already closed its books on is always cancelled: it must not keep trading.
 * One the ledger lists as unsettled after a consistent read is the index lagging: no finding.
 */
export function venueOrderFindings(input: DiffInput): Finding[] {
  const { botId } = input;
  const awaited = new Set(input.ledger.unsettled.map((u) => u.intent.clientOrderId));
  for (const plan of input.ledger.livePlans) for (const id of awaitedClientOrderIds(plan)) awaited.add(id);
  const findings: Finding[] = [];
  for (const order of input.exchange.openOrders) {
    const base = { symbol: order.symbol, clientOrderId: order.clientOrderId };
    if (!isOwnClientOrderId(botId, order.clientOrderId)) {
      findings.push({ ...base, kind: 'foreignOrder', detail: `${order.side} ${order.amount} ${order.symbol} (venue id ${order.exchangeOrderId}) is not this bot's: left alone`, repair: { kind: 'none' } });
      continue;
    }
    if (awaited.has(order.clientOrderId)) continue;
    const record = input.exchange.ledgerRecords[order.clientOrderId] ?? 'none';
    if (record === 'unsettled') continue;
    const intent = record === 'none' ? intentFor(input, order) : undefined;
    const adopt = record === 'none' && input.settings.unknownOrders === 'adopt';
    const repair: Repair = adopt
      ? { kind: 'recordLedger', intents: [intent!], orders: [order], fills: [] }
      : { kind: 'cancelOrder', order, ...(intent ? { intent } : {}) };
    const ledgerSays = record === 'none' ? 'the ledger has no record of it' : 'the ledger has it as ended';
    findings.push({ ...base, ...(intent ? { planId: intent.planId } : {}), kind: 'unknownOrder', detail: `open ${order.side} ${order.amount} ${order.symbol}: ${ledgerSays}; ${adopt ? 'adopted' : 'cancelled'}`, repair });
  }
  return findings;
}

/** The intent the order would have had: its plan when a live plan can have sent it, its leg and attempt from the id. */
function intentFor(input: DiffInput, order: Order): OrderIntent {
  const plan = input.ledger.livePlans.find((p) => planClientOrderIds(p).has(order.clientOrderId));
  const named = parseClientOrderId(input.botId, order.clientOrderId);
  return {
    clientOrderId: order.clientOrderId,
    botId: input.botId,
    planId: plan?.id ?? UNKNOWN_PLAN_ID,
    leg: named?.leg ?? (order.side === 'buy' ? 'entry' : 'exit'),
    attempt: named?.attempt ?? 0,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    amount: order.amount,
    ...(order.price !== undefined ? { price: order.price } : {}),
    ...(order.stopPrice !== undefined ? { stopPrice: order.stopPrice } : {}),
    createdAt: order.timestamp,
  };
}
