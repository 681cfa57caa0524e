import type { Order, OrderIntent } from '../../../domain/order.js';
import type { Exchange } from '../../../ports/Exchange.js';
import type { Logger } from '../../../ports/Logger.js';

/** An intent older than this with no answer from the venue recorded is stale. */
export const STALE_INTENT_MS = 15 * 60_000;

export type VenueAnswer =
  | { readonly found: true; readonly status: string; readonly filled: string; readonly exchangeOrderId: string }
  | { readonly found: false }
  | { readonly error: string };

export interface StaleIntent {
  readonly clientOrderId: string;
  readonly planId: string;
  readonly symbol: string;
  readonly leg: string;
  readonly createdAt: number;
  readonly ageMs: number;
  /** What the venue says of it now, looked up by client order id. */
  readonly venue: VenueAnswer;
}

export interface StaleIntentDeps {
  readonly orders: {
    listUnsettled(symbol: string): Promise<readonly OrderIntent[]>;
    getOrder(clientOrderId: string): Promise<Order | undefined>;
  };
  readonly venue: () => Promise<Exchange>;
  readonly symbols: readonly string[];
  readonly now: number;
  readonly logger: Logger;
}

/**
 * Intents on the unsettled index, older than STALE_INTENT_MS, whose item holds no venue
 * answer (`exchangeOrder`; read consistently, the index does not carry it): the order was
 * written and then nothing was heard. Each is looked up at the venue by client order id
 * and flagged with what it says; nothing is repaired here (reconciliation repairs). An
 * acknowledged order still resting (a target limit) is not stale.
 *
 * Cost: one query of the index per symbol; a consistent Get and a venue lookup per candidate.
 */
export async function findStaleIntents(deps: StaleIntentDeps): Promise<StaleIntent[]> {
  const unsettled = (await Promise.all(deps.symbols.map((s) => deps.orders.listUnsettled(s)))).flat();
  const old = unsettled.filter((i) => i.createdAt <= deps.now - STALE_INTENT_MS);
  const unanswered: OrderIntent[] = [];
  for (const intent of old) if ((await deps.orders.getOrder(intent.clientOrderId)) === undefined) unanswered.push(intent);
  if (unanswered.length === 0) return [];

  let exchange: Exchange | undefined;
  let venueError: string | undefined;
  try {
    exchange = await deps.venue();
  } catch (error) {
    venueError = message(error);
  }
  const stale: StaleIntent[] = [];
  for (const intent of unanswered) {
    const venue: VenueAnswer = exchange ? await lookUp(exchange, intent) : { error: venueError ?? 'no venue' };
    const entry = { clientOrderId: intent.clientOrderId, planId: intent.planId, symbol: intent.symbol, leg: intent.leg, createdAt: intent.createdAt, ageMs: deps.now - intent.createdAt, venue };
    deps.logger.warn(entry, 'stale intent: no venue answer recorded; reconciliation settles it');
    stale.push(entry);
  }
  return stale;
}

async function lookUp(exchange: Exchange, intent: OrderIntent): Promise<VenueAnswer> {
  try {
    const order = await exchange.fetchOrderByClientId(intent.symbol, intent.clientOrderId);
    return order ? { found: true, status: order.status, filled: order.filled, exchangeOrderId: order.exchangeOrderId } : { found: false };
  } catch (error) {
    return { error: message(error) };
  }
}

function message(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
