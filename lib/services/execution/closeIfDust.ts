import type { Decimal } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import type { ExitReason, Plan } from '../../domain/plan.js';
import { floorToStep } from '../../domain/precision.js';
import type { Exchange } from '../../ports/Exchange.js';
import type { Logger } from '../../ports/Logger.js';
import { planFillsFrom } from '../plans/planOrders.js';
import { closeAsDust } from './settleOrder.js';

/**
 * The plan closed as dust when what it holds, floored to the step, is less than `sellableFrom`
 * (the least the market takes in one order at the exit's price): the venue would refuse any
 * exit for it (LOT_SIZE or NOTIONAL) at every candle and every round. Undefined when the plan
 * holds a sellable position, or when the venue's fills do not show what it holds
 * (`closeAsDust`); only then are the fills read.
 */
export async function closeIfDust(ports: { readonly exchange: Exchange; readonly logger: Logger }, plan: Plan, market: Market, sellableFrom: Decimal, reason: ExitReason, now: number): Promise<Plan | undefined> {
  if (!floorToStep(plan.filledAmount ?? '0', market.amountStep).lt(sellableFrom)) return undefined;
  const dust = closeAsDust(plan, reason, await ports.exchange.fetchFills(plan.symbol, planFillsFrom(plan)), now);
  if (dust) ports.logger.warn({ planId: plan.id, held: plan.filledAmount, sellableFrom: sellableFrom.toFixed() }, 'position below the smallest order the market takes: closed as dust');
  return dust;
}
