import { type Decimal, ZERO, dec, toDecimalString } from '../../lib/domain/decimal.js';
import { splitSymbol } from '../../lib/domain/market.js';
import type { Fill } from '../../lib/domain/order.js';
import type { SimOrderView } from '../../lib/local/exchange-sim/index.js';
import { holdsPosition, planClientOrderIds } from '../../lib/services/plans/planOrders.js';
import { balancesAfterFills, expectedFill, expectedOrder } from '../e2e/localRuntimeChecks.js';
import type { ChaosOutcome } from './ChaosOutcome.js';
import type { Violation } from './Violation.js';

/** Every invariant of a chaos run; the empty list when all hold. */
export function checkInvariants(outcome: ChaosOutcome): Violation[] {
  return [
    ...clientOrderIdsSentOnce(outcome),
    ...venueOrdersAsIntended(outcome),
    ...noPlanSoldMoreThanBought(outcome),
    ...ledgerEqualsVenue(outcome),
    ...plansHoldVenue(outcome),
    ...positionsProtected(outcome),
    ...noPlanStuck(outcome),
    ...oneDecisionPerCandle(outcome),
    ...reconciledAndActive(outcome),
  ];
}

export function clientOrderIdsSentOnce({ venue }: ChaosOutcome): Violation[] {
  const seen = new Map<string, number>();
  for (const order of venue.orders) seen.set(order.clientOrderId, (seen.get(order.clientOrderId) ?? 0) + 1);
  return [...seen].filter(([, count]) => count > 1).map(([id, count]) => ({ invariant: 'clientOrderIdSentOnce', detail: `${id} reached the venue ${count} times` }));
}

/**
 * Every order that reached the venue was sent as the intent the ledger wrote before sending
 * it: same side, same amount. A client order id a later decision re-used for another amount
 * (a redelivery sizing the same plan again) shows here.
 */
export function venueOrdersAsIntended({ venue, ledger }: ChaosOutcome): Violation[] {
  const intents = new Map(ledger.orders.map((record) => [record.intent.clientOrderId, record.intent]));
  const violations: Violation[] = [];
  for (const order of venue.orders) {
    const intent = intents.get(order.clientOrderId);
    if (intent === undefined) continue; // ledgerEqualsVenue names an order the ledger lacks.
    if (intent.side !== order.side.toLowerCase() || !dec(intent.amount).eq(order.origQty)) {
      violations.push({ invariant: 'venueOrderAsIntended', detail: `${order.clientOrderId}: intent ${intent.side} ${intent.amount}, the venue got ${order.side} ${order.origQty}` });
    }
  }
  return violations;
}

/**
 * The plans hold what the venue holds of each base asset the bot traded: the live plans their
 * positions, the ended ones the dust their exits could not sell. A unit bought or sold under
 * an order no plan accounts for (an entry filled under an id the ledger holds as rejected)
 * shows here. Only symbols the venue traded in the run are compared, and a symbol with an order
 * of ours still resting is left out: its plan lags its fills.
 */
export function plansHoldVenue({ venue, ledger, startingBalances }: ChaosOutcome): Violation[] {
  const restingSymbols = new Set(venue.orders.filter(isResting).map((order) => order.symbol));
  const traded = new Set(venue.trades.map((trade) => trade.symbol));
  const held = new Map<string, Decimal>();
  for (const symbol of traded) if (!restingSymbols.has(symbol)) held.set(symbol, ZERO);
  for (const plan of [...ledger.livePlans, ...ledger.endedPlans]) {
    const sum = held.get(plan.symbol);
    if (sum !== undefined) held.set(plan.symbol, sum.plus(plan.filledAmount ?? '0'));
  }
  const violations: Violation[] = [];
  for (const [symbol, plans] of held) {
    const { base } = splitSymbol(symbol);
    const atVenue = dec(venue.totals[base] ?? '0').minus(startingBalances[base] ?? '0');
    if (!atVenue.eq(plans)) violations.push({ invariant: 'plansHoldVenue', detail: `${base}: the venue holds ${toDecimalString(atVenue)} more than at the start, the plans of ${symbol} ${toDecimalString(plans)}` });
  }
  return violations;
}

/**
 * No exit twice: what the venue filled of a plan's exit and stop orders (every attempt) is no
 * more than it filled of the plan's entries. A second exit under another client order id (a
 * FLATTEN, a repair or a decision redone after a death) would sell the position again.
 */
export function noPlanSoldMoreThanBought({ venue, ledger }: ChaosOutcome): Violation[] {
  const venueOrders = new Map(venue.orders.map((order) => [order.clientOrderId, order]));
  const violations: Violation[] = [];
  for (const plan of [...ledger.livePlans, ...ledger.endedPlans]) {
    let bought = dec(0);
    let sold = dec(0);
    for (const [id, leg] of planClientOrderIds(plan)) {
      const filled = dec(venueOrders.get(id)?.executedQty ?? '0');
      if (leg === 'entry') bought = bought.plus(filled);
      else sold = sold.plus(filled);
    }
    if (sold.gt(bought)) violations.push({ invariant: 'noDoubleExit', detail: `plan ${plan.id} sold ${sold.toFixed()} ${plan.symbol} at the venue but bought ${bought.toFixed()}` });
  }
  return violations;
}

/**
 * The ledger's orders, fills and balances are the venue's, field for field and to the last
 * unit. A resting order's fills are recorded when it ends (settlePendingOrders): until then
 * the ledger may show less of it filled, and the balances are the ledger's fills plus those.
 */
export function ledgerEqualsVenue({ venue, ledger, startingBalances }: ChaosOutcome): Violation[] {
  const violations: Violation[] = [];
  const differ = (detail: string) => violations.push({ invariant: 'ledgerEqualsVenue', detail });
  const recorded = new Map(ledger.orders.map((record) => [record.intent.clientOrderId, record]));
  const resting = new Set(venue.orders.filter(isResting).map((order) => order.orderId));
  for (const venueOrder of venue.orders) {
    const order = recorded.get(venueOrder.clientOrderId)?.order;
    const expected = expectedOrder(venueOrder);
    const actual = order && { clientOrderId: order.clientOrderId, exchangeOrderId: order.exchangeOrderId, symbol: order.symbol, side: order.side, status: order.status, amount: order.amount, filled: order.filled };
    const lagging = resting.has(venueOrder.orderId) && actual !== undefined && actual.status === 'open' && dec(actual.filled).lte(expected.filled);
    if (!lagging && JSON.stringify(actual) !== JSON.stringify(expected)) differ(`order ${venueOrder.clientOrderId}: venue ${JSON.stringify(expected)}, ledger ${JSON.stringify(actual) ?? 'none'}`);
  }
  const atVenue = new Set(venue.orders.map((order) => order.clientOrderId));
  for (const record of ledger.orders) {
    if (record.order === undefined) differ(`intent ${record.intent.clientOrderId} has no answer from the venue`);
    else if (record.order.status !== 'rejected' && !atVenue.has(record.intent.clientOrderId)) differ(`order ${record.intent.clientOrderId} (${record.order.status}) is not at the venue`);
  }
  const clientIdByOrderId = new Map(venue.orders.map((order) => [order.orderId, order.clientOrderId]));
  const ledgerFills = new Map(ledger.fills.map((fill) => [fill.id, JSON.stringify(fill)]));
  const unsettled: Fill[] = [];
  for (const trade of venue.trades) {
    const fill = expectedFill(trade, clientIdByOrderId.get(trade.orderId) ?? '?');
    const inLedger = ledgerFills.get(fill.id);
    if (inLedger === undefined && resting.has(trade.orderId)) unsettled.push(fill as Fill);
    else if (inLedger !== JSON.stringify(fill)) differ(`venue trade ${JSON.stringify(fill)}, ledger ${inLedger ?? 'none'}`);
  }
  const venueTradeIds = new Set(venue.trades.map((trade) => String(trade.id)));
  for (const fill of ledger.fills) if (!venueTradeIds.has(fill.id)) differ(`ledger fill ${fill.id} (${fill.clientOrderId}) is no venue trade`);
  const fromFills = balancesAfterFills(startingBalances, [...ledger.fills, ...unsettled]);
  for (const asset of new Set([...Object.keys(fromFills), ...Object.keys(venue.totals)])) {
    const expected = toDecimalString(dec(fromFills[asset] ?? '0'));
    const held = toDecimalString(dec(venue.totals[asset] ?? '0'));
    if (expected !== held) differ(`${asset}: the venue holds ${held}, the ledger's fills make ${expected}`);
  }
  return violations;
}

const isResting = (order: SimOrderView): boolean => order.status === 'NEW' || order.status === 'PARTIALLY_FILLED';

/** A held position rests on a stop order of its own, or on a stop the bot checks every candle and the price has not passed. */
export function positionsProtected({ ledger, venue, decidedSeries }: ChaosOutcome): Violation[] {
  const resting = new Set(venue.orders.filter(isResting).map((order) => order.clientOrderId));
  const violations: Violation[] = [];
  for (const plan of ledger.livePlans) {
    if (plan.status !== 'open' || !holdsPosition(plan)) continue;
    if ([...planClientOrderIds(plan)].some(([id, leg]) => leg === 'stop' && resting.has(id))) continue;
    const stop = dec(plan.activeStop ?? plan.stop);
    const last = venue.lastPrices[plan.symbol];
    const why = !stop.gt(0)
      ? 'it has no stop level'
      : !decidedSeries.has(`${plan.symbol}#${plan.timeframe}`)
        ? 'its series is not decided'
        : last === undefined || dec(last).lte(stop)
          ? `the price ${last ?? '(none)'} is through its stop ${stop.toFixed()}`
          : undefined;
    if (why) violations.push({ invariant: 'positionProtected', detail: `plan ${plan.id} holds ${plan.filledAmount} ${plan.symbol} unprotected: ${why}` });
  }
  return violations;
}

/** A live plan other than open waits on an order of its own that is still open at the venue. */
export function noPlanStuck({ ledger, venue }: ChaosOutcome): Violation[] {
  const open = new Set(venue.orders.filter(isResting).map((order) => order.clientOrderId));
  return ledger.livePlans
    .filter((plan) => plan.status !== 'open' && ![...planClientOrderIds(plan).keys()].some((id) => open.has(id)))
    .map((plan) => ({ invariant: 'noPlanStuck', detail: `plan ${plan.id} is ${plan.status} with no open order of its own at the venue` }));
}

/**
 * Every candle that closed while the bot ran was decided, none was acted on twice, and every
 * decision that sent an order has its record.
 */
export function oneDecisionPerCandle({ expectedCandles, decisionLines, storedDecisions, deadLetters }: ChaosOutcome): Violation[] {
  const violations: Violation[] = [];
  const decided = new Set(storedDecisions);
  const acted = new Map<string, number>();
  for (const line of decisionLines) {
    const key = `${String(line['symbol'])} ${String(line['timeframe'])} ${String(line['openTime'])}`;
    decided.add(key);
    if (line['msg'] === 'decided' && Number(line['orders']) > 0) acted.set(key, (acted.get(key) ?? 0) + 1);
  }
  for (const key of expectedCandles) if (!decided.has(key)) violations.push({ invariant: 'oneDecisionPerCandle', detail: `candle ${key} was never decided` });
  for (const [key, count] of acted) {
    if (count > 1) violations.push({ invariant: 'oneDecisionPerCandle', detail: `candle ${key} sent orders in ${count} decisions` });
    if (!storedDecisions.has(key)) violations.push({ invariant: 'oneDecisionPerCandle', detail: `candle ${key} sent orders but has no decision record` });
  }
  for (const body of deadLetters) violations.push({ invariant: 'oneDecisionPerCandle', detail: `dead-lettered: ${body}` });
  return violations;
}

export function reconciledAndActive({ reconciliation, bot }: ChaosOutcome): Violation[] {
  const violations: Violation[] = [];
  if (reconciliation?.status !== 'SUCCEEDED') violations.push({ invariant: 'reconciled', detail: `the reconciliation after the faults ${reconciliation ? `ended ${reconciliation.status}: ${reconciliation.error ?? ''}` : 'did not run'}` });
  if (bot.status !== 'ACTIVE') violations.push({ invariant: 'reconciled', detail: `the bot is ${bot.status}${bot.reason ? `: ${bot.reason}` : ''}` });
  return violations;
}
