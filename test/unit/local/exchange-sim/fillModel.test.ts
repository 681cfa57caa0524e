import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../lib/domain/candle.js';
import { dec } from '../../../../lib/domain/decimal.js';
import { type FillModel, PAPER_FILLS, STRICT_FILLS } from '../../../../lib/local/exchange-sim/FillModel.js';
import { placeOrder } from '../../../../lib/local/exchange-sim/placeOrder.js';
import type { VenueState } from '../../../../lib/local/exchange-sim/VenueState.js';
import { MINUTE, adaBtcVenue } from './adaBtcVenue.js';

// Candle 2 opens below both the stop (0.0000495) and the limit (0.0000494) of a stop-loss sell, then
// trades back up to the limit; candle 3 trades through it.
const CANDLES: Candle[] = [
  { openTime: 0, open: 0.00005, high: 0.0000501, low: 0.0000499, close: 0.00005, volume: 1000 },
  { openTime: MINUTE, open: 0.00005, high: 0.0000501, low: 0.0000499, close: 0.00005, volume: 1000 },
  { openTime: 2 * MINUTE, open: 0.000048, high: 0.0000494, low: 0.000047, close: 0.000049, volume: 1000 },
  { openTime: 3 * MINUTE, open: 0.000049, high: 0.0000496, low: 0.0000489, close: 0.0000495, volume: 1000 },
];

function venue(fills: FillModel): ReturnType<typeof adaBtcVenue> {
  return adaBtcVenue(CANDLES, { fills });
}

function stopLossSell(state: VenueState) {
  return placeOrder(state, { symbol: 'ADABTC', side: 'SELL', type: 'STOP_LOSS_LIMIT', timeInForce: 'GTC', quantity: dec(100), quoteOrderQty: undefined, price: dec('0.0000494'), stopPrice: dec('0.0000495'), clientOrderId: 'stop' }).order;
}

describe('Exchange simulator: stop-limits in a gap, by fill model', () => {
  it('PAPER_FILLS: a stop-limit whose candle gaps past it fills at its limit in that candle, as the paper venue would', () => {
    const { state, advanceTo } = venue(PAPER_FILLS);
    const order = stopLossSell(state);
    advanceTo(3 * MINUTE);
    expect({ status: order.status, executed: order.executedQty.toFixed(), updateTime: order.updateTime }).toEqual({ status: 'FILLED', executed: '100', updateTime: 2 * MINUTE }); // dated at the candle's open
  });

  it('STRICT_FILLS: it triggers at the gapped open, does not fill in that candle, and rests until a later candle trades through its limit', () => {
    const { state, advanceTo } = venue(STRICT_FILLS);
    const order = stopLossSell(state);
    advanceTo(3 * MINUTE);
    expect({ status: order.status, isWorking: order.isWorking, executed: order.executedQty.toFixed() }).toEqual({ status: 'NEW', isWorking: true, executed: '0' });
    advanceTo(4 * MINUTE);
    expect({ status: order.status, executed: order.executedQty.toFixed() }).toEqual({ status: 'FILLED', executed: '100' });
    expect(state.book.allTrades().map((t) => [t.price.toFixed(), t.isMaker])).toEqual([['0.0000494', true]]);
  });
});
