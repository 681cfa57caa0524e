import { ExchangeCallError } from '../../domain/errors.js';
import type { Clock } from '../../ports/Clock.js';
import type { Logger } from '../../ports/Logger.js';
import type { SharedVenueHold } from '../../ports/VenueHoldStore.js';

/** Why the venue is not called: an IP ban (HTTP 418) or a rate limit whose Retry-After is longer than a retry may wait. */
export type VenueHoldNotice = SharedVenueHold;

/** A ban without a Retry-After is held this long: the venue's shortest ban. */
const BAN_WITHOUT_RETRY_AFTER_MS = 120_000;

/**
 * The time before which the venue asked not to be called. Retrying into a ban lengthens
 * it (Binance doubles each one, up to 3 days), so once the venue bans us, or asks for a
 * longer wait than a retry may sleep, every call fails at once without reaching the venue
 * until then, and `onHold` (a metric and an alarm in Lambda) hears of it once per hold.
 */
export class VenueHold {
  private until = 0;
  private banned = false;
  private reason = '';
  private readonly listeners: ((notice: VenueHoldNotice) => void)[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly onHold: (notice: VenueHoldNotice) => void = () => undefined,
  ) {}

  /** Records the venue's refusal; `retryAfterMs` as its Retry-After said, when it did. */
  hold(banned: boolean, retryAfterMs: number | undefined, reason: string): void {
    const until = this.clock.now() + (retryAfterMs ?? (banned ? BAN_WITHOUT_RETRY_AFTER_MS : 0));
    if (until <= this.until) return;
    this.until = until;
    this.banned = banned;
    this.reason = reason;
    const notice = { banned, until, reason };
    this.logger.error({ ...notice, untilIso: new Date(until).toISOString() }, banned ? 'the venue banned our IP: no call until the ban ends' : 'the venue asked for a long pause: no call until it ends');
    this.onHold(notice);
    for (const listener of this.listeners) listener(notice);
  }

  /** Also tells `listener` of each new hold this process records (the shared store's writer). */
  listen(listener: (notice: VenueHoldNotice) => void): void {
    this.listeners.push(listener);
  }

  /**
   * A hold another process recorded, honoured here as if this one had met it; not told again
   * (neither `onHold` nor the listeners). One already ended, or ending sooner, changes nothing.
   */
  restore(shared: SharedVenueHold): void {
    if (shared.until <= this.until || shared.until <= this.clock.now()) return;
    this.until = shared.until;
    this.banned = shared.banned;
    this.reason = shared.reason;
    this.logger.warn({ ...shared, untilIso: new Date(shared.until).toISOString() }, 'the venue hold another function met is honoured: no call until it ends');
  }

  /** While a hold lasts: why nothing may be sent, as a category and a reason. */
  refusal(): { readonly category: 'banned' | 'rateLimited'; readonly reason: string } | undefined {
    if (this.clock.now() >= this.until) return undefined;
    return { category: this.banned ? 'banned' : 'rateLimited', reason: `not sent: the venue asked for no calls until ${new Date(this.until).toISOString()} (${this.reason})` };
  }

  /** Throws the refusal, without calling the venue, while a hold lasts. */
  check(operation: string): void {
    const refused = this.refusal();
    if (refused) throw new ExchangeCallError(operation, 'VenueHold', refused.category, false, refused.reason);
  }
}
