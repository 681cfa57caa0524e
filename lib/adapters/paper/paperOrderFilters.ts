import type { Decimal } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import type { OrderIntent } from '../../domain/order.js';
import { floorToStep } from '../../domain/precision.js';
import { stopWouldTrigger } from './fillPrice.js';

/**
 * The venue's filters on a new order, as Binance applies them: the amount floored to the
 * step (LOT_SIZE) and at least the minimum, the value at least the minimum notional, and a
 * stop not already passed by the price it is placed at (`reference`). The amount to place,
 * or why the venue refuses the order.
 */
export function paperOrderFilters(intent: OrderIntent, market: Market, reference: number): { readonly amount: Decimal } | { readonly refused: string } {
  const amount = floorToStep(intent.amount, market.amountStep);
  if (amount.isZero() || amount.lt(market.minAmount)) return { refused: `amount ${amount.toFixed()} (from ${intent.amount}) is below the market's minimum ${market.minAmount}` };
  const notional = amount.times(intent.type === 'limit' && intent.price !== undefined ? intent.price : reference);
  if (notional.lt(market.minCost)) return { refused: `notional ${notional.toFixed()} is below the market's minimum ${market.minCost}` };
  if (intent.type === 'stop_market' && stopWouldTrigger(intent, reference)) return { refused: 'stop price would trigger immediately' };
  return { amount };
}
