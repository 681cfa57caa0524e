import type { Order } from '../../domain/order.js';
import type { Clock } from '../../ports/Clock.js';
import type { Logger } from '../../ports/Logger.js';
import { backoffDelay } from './backoffDelay.js';
import type { CcxtOrderRequest } from './buildOrderRequest.js';
import type { CcxtClient, CcxtOrder } from './CcxtClient.js';
import { type CcxtErrorCategory, type CcxtErrorClassification, classifyCcxtError } from './classifyCcxtError.js';
import { type ClientOrderLookup, findOrderByClientId } from './findOrderByClientId.js';
import type { RetryPolicy, RetryTiming } from './RetryPolicy.js';
import { toOrder } from './toOrder.js';
import { holdIfAsked } from './callWithRetries.js';
import type { VenueHold } from './VenueHold.js';

/** A submission outcome; a rejection carries ccxt's category so a caller can tell a stop it may correct. */
export type SendOutcome =
  | { readonly kind: 'acknowledged'; readonly order: Order }
  | { readonly kind: 'rejected'; readonly reason: string; readonly category: CcxtErrorCategory }
  | { readonly kind: 'unknown'; readonly reason: string };

export interface OrderSubmitterDeps {
  readonly client: CcxtClient;
  readonly lookup: ClientOrderLookup;
  readonly policy: RetryPolicy;
  readonly timing: RetryTiming;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly retryAfterMs: () => number | undefined;
  readonly redact: (message: string) => string;
  readonly hold: VenueHold;
}

/**
 * Sends one order and never throws for the venue's answer. A failure that may have reached the
 * venue (timeout, 5xx, unreadable answer) is never simply re-sent: after the backoff the order
 * is looked up by its client order id, adopted if found, re-sent under the same id only when
 * the venue positively has none, and left `unknown` when the lookup fails too. So at most one
 * order exists per client order id, however many acknowledgements are lost.
 */
export class OrderSubmitter {
  constructor(private readonly deps: OrderSubmitterDeps) {}

  async send(request: CcxtOrderRequest): Promise<SendOutcome> {
    const { client, policy, timing, logger } = this.deps;
    let sentBefore = false;
    for (let attempt = 1; ; attempt++) {
      let failure: CcxtErrorClassification;
      const held = this.deps.hold.refusal();
      if (held !== undefined) return sentBefore ? { kind: 'unknown', reason: held.reason } : { kind: 'rejected', reason: held.reason, category: held.category };
      try {
        const order = await client.createOrder(request.symbol, request.type, request.side, Number(request.amount), optionalNumber(request.price), params(request));
        return this.acknowledged(order, request, false);
      } catch (error) {
        failure = classifyCcxtError(error);
      }
      const described = `${failure.errorClass}: ${this.deps.redact(failure.message)}`;
      // A ban or a long Retry-After: the venue refused without acting; an earlier attempt's order is settled by lookup once the hold ends.
      if (holdIfAsked(failure, this.deps)) return sentBefore ? { kind: 'unknown', reason: described } : { kind: 'rejected', reason: described, category: failure.category };
      if (failure.category === 'duplicateOrder') return this.settleDuplicate(request, described);
      // Not a ccxt error: nothing says whether the request left, so it may have.
      if (failure.category === 'unexpected') return { kind: 'unknown', reason: described };
      if (!failure.retryable) {
        // A refusal of a re-send may be the venue refusing a duplicate of a first request that
        // arrived late (Binance answers "Duplicate order sent." as a plain -2010): look again.
        const settled = sentBefore ? await this.lookUp(request, described) : undefined;
        return settled ?? { kind: 'rejected', reason: described, category: failure.category };
      }
      if (attempt >= policy.maxAttempts) return { kind: 'unknown', reason: `retries exhausted after ${attempt} attempts: ${described}` };

      const delayMs = backoffDelay(attempt, policy, timing.random, this.deps.retryAfterMs());
      logger.warn({ clientOrderId: request.clientOrderId, attempt, delayMs, errorClass: failure.errorClass }, 'create order failed; retrying');
      await timing.sleep(delayMs);
      if (!failure.mayHaveReachedVenue) continue;
      sentBefore = true;
      const settled = await this.lookUp(request, described);
      if (settled !== undefined) return settled;
      logger.info({ clientOrderId: request.clientOrderId, attempt }, 'the venue has no order under this client order id; sending it again');
    }
  }

  /** Acknowledged when found, undefined when positively absent, unknown when the lookup fails. */
  private async lookUp(request: CcxtOrderRequest, cause: string): Promise<SendOutcome | undefined> {
    try {
      const found = await findOrderByClientId(this.deps.client, this.deps.lookup, request.symbol, request.clientOrderId);
      return found === undefined ? undefined : this.acknowledged(found, request, true);
    } catch (error) {
      const lookupFailure = classifyCcxtError(error);
      return { kind: 'unknown', reason: `${cause}; then the lookup by client order id failed: ${lookupFailure.errorClass}: ${this.deps.redact(lookupFailure.message)}` };
    }
  }

  /** The venue already holds this client order id: ours from an earlier send, so it is adopted. */
  private async settleDuplicate(request: CcxtOrderRequest, described: string): Promise<SendOutcome> {
    const settled = await this.lookUp(request, described);
    return settled ?? { kind: 'rejected', reason: described, category: 'duplicateOrder' };
  }

  /** An answer missing a field throws ccxt's BadResponse: a send retries it by lookup, a lookup ends unknown. */
  private acknowledged(order: CcxtOrder, request: CcxtOrderRequest, lookedUp: boolean): SendOutcome {
    const mapped = toOrder(order, this.deps.client.id, this.deps.clock.now(), { clientOrderId: request.clientOrderId, mustEcho: lookedUp });
    return { kind: 'acknowledged', order: { ...mapped, symbol: mapped.symbol || request.symbol } };
  }
}

function optionalNumber(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}

function params(request: CcxtOrderRequest): Record<string, unknown> {
  return { clientOrderId: request.clientOrderId, ...(request.triggerPrice !== undefined ? { triggerPrice: Number(request.triggerPrice) } : {}) };
}
