import type { Decimal } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import { expireOrder } from './expireOrder.js';
import type { SimOrder } from './SimOrder.js';
import type { VenueState } from './VenueState.js';

/**
 * Self-trade prevention in the venue's default mode, EXPIRE_MAKER: before `taker` trades,
 * every working order of ours on the other side that it would trade against (a resting
 * sell at or under the taker buy's worst price, a resting buy at or over the taker
 * sell's) expires as EXPIRED_IN_MATCH, and the taker goes on against the rest of the book.
 */
export function expireSelfTrades(state: VenueState, market: Market, taker: SimOrder, worstPrice: Decimal): void {
  for (const maker of state.book.open(taker.symbol)) {
    if (maker.side === taker.side || !maker.isWorking) continue;
    const wouldTrade = taker.side === 'BUY' ? maker.price.lte(worstPrice) : maker.price.gte(worstPrice);
    if (wouldTrade) expireOrder(state, market, maker, 'EXPIRED_IN_MATCH', taker.time);
  }
}
