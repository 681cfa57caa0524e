import type { Fill, Order } from '../../domain/order.js';
import type { OrderSummary } from '../../domain/decisionRecord.js';
import type { ExecutionResult } from './ExecutionService.js';

/** An exit and the market exits sent at once for what it left (ExecutionResult.remainder), in the order they went out. */
export function resultChain(result: ExecutionResult): ExecutionResult[] {
  const chain: ExecutionResult[] = [];
  for (let step: ExecutionResult | undefined = result; step !== undefined; step = step.remainder) chain.push(step);
  return chain;
}

/** Every order summary of an exit and its remainders, for the decision record. */
export function chainSummaries(result: ExecutionResult): OrderSummary[] {
  return result.remainder === undefined ? [result.order] : resultChain(result).map((step) => step.order);
}

/** The venue's final orders and their fills, of every step that ended when placed, for the commit. */
export function chainSettled(result: ExecutionResult): { readonly orders: Order[]; readonly fills: Fill[] } {
  const orders: Order[] = [];
  const fills: Fill[] = [];
  for (const step of resultChain(result)) {
    if (step.settled === undefined) continue;
    orders.push(step.settled.order);
    fills.push(...step.settled.fills);
  }
  return { orders, fills };
}
