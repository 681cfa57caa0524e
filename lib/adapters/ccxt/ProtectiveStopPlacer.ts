import { dec, toDecimalString } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import type { Order, OrderIntent } from '../../domain/order.js';
import { ceilToStep, floorToStep } from '../../domain/precision.js';
import type { Logger } from '../../ports/Logger.js';
import type { Quote } from './CcxtExchange.js';
import type { StopPlacement } from './StopPlacement.js';

/** The gateway calls the policy needs; CcxtExchange has them. */
export interface ProtectiveStopGateway {
  market(symbol: string): Promise<Market>;
  fetchQuote(symbol: string): Promise<Quote>;
  supportsProtectiveStops(symbol: string): Promise<boolean>;
  placeProtectiveStop(intent: OrderIntent): Promise<StopPlacement>;
}

/**
 * - `placed`: the stop rests on the venue, at `stopPrice` (corrected when `corrected`);
 * - `unknown`: the venue may hold it: settle by lookup, never send another blind;
 * - `botManaged`: no stop on the venue; the bot checks the plan's stop on every candle;
 * - `flatten`: the configuration asks that an unprotected position be closed: the caller sends the exit.
 */
export type ProtectiveStopOutcome =
  | { readonly kind: 'placed'; readonly order: Order; readonly stopPrice: string; readonly corrected: boolean }
  | { readonly kind: 'unknown'; readonly reason: string }
  | { readonly kind: 'botManaged'; readonly reason: string }
  | { readonly kind: 'flatten'; readonly reason: string };

export interface ProtectiveStopPlacerOptions {
  readonly gateway: ProtectiveStopGateway;
  readonly logger: Logger;
  readonly fallback: 'botManaged' | 'flatten';
}

/**
 * Puts a filled entry's stop on the venue. A refusal a price can fix is corrected once (the
 * stop re-rounded to the tick and moved one tick beyond the touch: below the bid for a sell),
 * then tried again under the same client order id, since a refused order never existed. A second
 * refusal leaves the position to a bot-managed stop and raises an alarm; it is closed at market
 * only when the configuration says `flatten`.
 */
export class ProtectiveStopPlacer {
  constructor(private readonly options: ProtectiveStopPlacerOptions) {}

  async place(intent: OrderIntent): Promise<ProtectiveStopOutcome> {
    const { gateway, logger } = this.options;
    if (!(await gateway.supportsProtectiveStops(intent.symbol))) {
      logger.info({ clientOrderId: intent.clientOrderId, symbol: intent.symbol }, 'the venue takes no stop orders here; the bot manages the stop');
      return { kind: 'botManaged', reason: `the exchange takes no stop orders for ${intent.symbol}` };
    }
    const first = await gateway.placeProtectiveStop(intent);
    if (first.kind === 'placed') return { kind: 'placed', order: first.order, stopPrice: stopOf(intent), corrected: false };
    if (first.kind === 'unknown') return first;
    if (!first.correctable) return this.fallBack(intent, first.reason);

    let corrected: OrderIntent;
    try {
      corrected = await this.corrected(intent);
    } catch (error) {
      return this.fallBack(intent, `${first.reason}; no correction: ${error instanceof Error ? error.message : String(error)}`);
    }
    logger.warn({ clientOrderId: intent.clientOrderId, from: stopOf(intent), to: stopOf(corrected), reason: first.reason }, 'protective stop refused; retrying once corrected');
    const second = await gateway.placeProtectiveStop(corrected);
    if (second.kind === 'placed') return { kind: 'placed', order: second.order, stopPrice: stopOf(corrected), corrected: true };
    if (second.kind === 'unknown') return second;
    return this.fallBack(intent, `${first.reason}; corrected to ${stopOf(corrected)}: ${second.reason}`);
  }

  /** A sell stop at or above the bid would trigger at once: one tick under the bid. A buy stop mirrors it over the ask. */
  private async corrected(intent: OrderIntent): Promise<OrderIntent> {
    const { gateway } = this.options;
    const market = await gateway.market(intent.symbol);
    const quote = await gateway.fetchQuote(intent.symbol);
    const stop = dec(stopOf(intent));
    const tick = dec(market.priceStep);
    let next;
    if (intent.side === 'sell') {
      if (quote.bid === undefined) throw new Error(`no bid for ${intent.symbol}`);
      const ceiling = dec(quote.bid).minus(tick);
      next = floorToStep(stop.lt(ceiling) ? stop : ceiling, tick);
    } else {
      if (quote.ask === undefined) throw new Error(`no ask for ${intent.symbol}`);
      const floor = dec(quote.ask).plus(tick);
      next = ceilToStep(stop.gt(floor) ? stop : floor, tick);
    }
    if (next.lte(0)) throw new Error(`corrected stop ${toDecimalString(next)} is not positive`);
    return { ...intent, stopPrice: toDecimalString(next), price: toDecimalString(next) };
  }

  private fallBack(intent: OrderIntent, reason: string): ProtectiveStopOutcome {
    const kind = this.options.fallback;
    this.options.logger.error(
      { alarm: 'UnprotectedPosition', planId: intent.planId, clientOrderId: intent.clientOrderId, symbol: intent.symbol, fallback: kind, reason },
      kind === 'flatten' ? 'protective stop refused; closing the position' : 'protective stop refused; the bot manages the stop',
    );
    return { kind, reason };
  }
}

function stopOf(intent: OrderIntent): string {
  return intent.stopPrice ?? intent.price ?? '0';
}
