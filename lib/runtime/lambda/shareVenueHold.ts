import type { CcxtExchange } from '../../adapters/ccxt/CcxtExchange.js';
import type { Logger } from '../../ports/Logger.js';
import type { SharedVenueHold, VenueHoldStore } from '../../ports/VenueHoldStore.js';
import type { PendingWrites } from './PendingWrites.js';

/**
 * A new gateway honours the hold another function recorded (a cold start never calls into a
 * ban), and records each hold it meets itself for the others. The call that met the ban does
 * not wait for the write (it fails at once, as it must); the invocation does, through
 * `pending`, before it returns. Should the write fail, the next function to meet the ban
 * writes it, and this one holds regardless.
 */
export function shareVenueHold(exchange: CcxtExchange, stored: SharedVenueHold | undefined, store: VenueHoldStore, logger: Pick<Logger, 'error'>, pending: PendingWrites): CcxtExchange {
  if (stored !== undefined) exchange.restoreHold(stored);
  exchange.onHold((notice) => {
    pending.track(store.write(notice).catch((error: unknown) => logger.error({ err: error, until: notice.until }, 'could not record the venue hold for the other functions')));
  });
  return exchange;
}
