import { ZERO } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import type { SimOrder } from './SimOrder.js';
import type { VenueState } from './VenueState.js';

/** Ends an open order as EXPIRED or EXPIRED_IN_MATCH and frees what it still locks. */
export function expireOrder(state: VenueState, market: Market, order: SimOrder, status: 'EXPIRED' | 'EXPIRED_IN_MATCH', now: number): void {
  if (order.locked.gt(ZERO)) {
    state.balances.unlock(order.side === 'BUY' ? market.quote : market.base, order.locked);
    order.locked = ZERO;
  }
  order.status = status;
  order.updateTime = now;
}
