import { describe, expect, it } from 'vitest';
import { PaperExchange } from '../../../../lib/adapters/paper/PaperExchange.js';
import type { Candle } from '../../../../lib/domain/candle.js';
import { deriveClientOrderId } from '../../../../lib/domain/clientOrderId.js';
import type { OrderIntent } from '../../../../lib/domain/order.js';
import { silentLogger } from '../../../../lib/ports/Logger.js';
import { settlePendingOrders } from '../../../../lib/services/decision/settlePendingOrders.js';
import { aMarket } from '../../../support/marketFixture.js';
import { PLAN_CANDLE_OPEN_TIME, aPlan } from '../../../support/planFixture.js';

const T = PLAN_CANDLE_OPEN_TIME;
const MINUTE = 60_000;
const candle = (i: number, open: number, high: number, low: number, close: number): Candle => ({ openTime: T + i * MINUTE, open, high, low, close, volume: 1 });

const ENTERING = aPlan({ status: 'entering', activeStop: undefined, highWatermark: undefined, openedAt: undefined, filledAmount: undefined, avgEntryPrice: undefined, createdAt: T });
const entryId = deriveClientOrderId('test', ENTERING.id, 'entry', 0);

/** Sent when the bot decides: after the close of candle `afterCandle`. */
function intent(clientOrderId: string, leg: OrderIntent['leg'], side: OrderIntent['side'], type: OrderIntent['type'], afterCandle: number, amount = '1', price?: string): OrderIntent {
  return { clientOrderId, botId: 'test', planId: ENTERING.id, leg, attempt: 0, symbol: 'ETH/BTC', side, type, amount, ...(price ? { price } : {}), createdAt: T + (afterCandle + 1) * MINUTE };
}

function venue() {
  const exchange = new PaperExchange({ markets: [aMarket()], balances: { BTC: '1' }, slippagePct: 0 });
  exchange.onCandle('ETH/BTC', candle(0, 0.1, 0.1, 0.1, 0.1));
  return exchange;
}

describe('Function: settlePendingOrders', () => {
  it('opens an entering plan on its filled entry and closes it on its filled exit, with exact prices and PnL', async () => {
    const exchange = venue();
    await exchange.createOrder(intent(entryId, 'entry', 'buy', 'market', 0));
    exchange.onCandle('ETH/BTC', candle(1, 0.1, 0.101, 0.099, 0.1));

    const opened = await settlePendingOrders('ETH/BTC', [ENTERING], exchange, T + 2 * MINUTE, silentLogger);
    expect(opened.plans).toHaveLength(1);
    // The venue's fee on a buy is in the asset bought: 0.001 of the 1 ETH.
    expect(opened.plans[0]).toMatchObject({ status: 'open', filledAmount: '0.999', avgEntryPrice: '0.1', activeStop: '0.095', openedAt: T + MINUTE });
    expect(opened.fills.map((f) => [f.clientOrderId, f.price, f.fee.cost, f.fee.currency])).toEqual([[entryId, '0.1', '0.001', 'ETH']]);
    expect(opened.orders.map((o) => o.status)).toEqual(['closed']);

    const exitId = deriveClientOrderId('test', ENTERING.id, 'exit', 0);
    const exiting = { ...opened.plans[0]!, status: 'exiting' as const, exitReason: 'target' as const };
    await exchange.createOrder(intent(exitId, 'exit', 'sell', 'market', 1, '0.999'));
    exchange.onCandle('ETH/BTC', candle(2, 0.11, 0.111, 0.109, 0.11));

    const closed = await settlePendingOrders('ETH/BTC', [exiting], exchange, T + 3 * MINUTE, silentLogger);
    // Bought 1 for 0.1 (fee 0.001 ETH, worth 0.0001), sold 0.999 at 0.11 for 0.10989 (fee 0.00010989):
    // 0.10989 - 0.00010989 - 0.1 = 0.00978011; fees 0.0001 + 0.00010989.
    expect(closed.plans[0]).toMatchObject({ status: 'closed', exitReason: 'target', realizedPnl: '0.00978011', feesPaid: '0.00020989', avgExitPrice: '0.11', closedAt: T + 2 * MINUTE });
    expect(closed.stopOuts.size).toBe(0);
  });

  it('records a stop-out for the cooldown when a stop exit closes the plan', async () => {
    const exchange = venue();
    await exchange.createOrder(intent(entryId, 'entry', 'buy', 'market', 0));
    exchange.onCandle('ETH/BTC', candle(1, 0.1, 0.1, 0.1, 0.1));
    const stopId = deriveClientOrderId('test', ENTERING.id, 'stop', 0);
    await exchange.createOrder(intent(stopId, 'stop', 'sell', 'market', 1, '0.999'));
    exchange.onCandle('ETH/BTC', candle(2, 0.095, 0.095, 0.094, 0.094));
    const exiting = aPlan({ status: 'exiting', exitReason: 'stop', createdAt: T });

    const settled = await settlePendingOrders('ETH/BTC', [exiting], exchange, T + 3 * MINUTE, silentLogger);
    // Bought 1 for 0.1 (fee in ETH), sold 0.999 at the next open 0.095 for 0.094905, less its fee
    // 0.000094905, half-even to 8 places 0.0000949: 0.094905 - 0.0000949 - 0.1 = -0.0051899.
    expect(settled.plans[0]).toMatchObject({ status: 'closed', exitReason: 'stop', realizedPnl: '-0.0051899' });
    expect([...settled.stopOuts]).toEqual([['ETH/BTC', T + 2 * MINUTE]]);
  });

  it('cancels the plan of an entry that ended unfilled, and leaves open or unknown orders alone', async () => {
    const exchange = venue();
    await exchange.createOrder(intent(entryId, 'entry', 'buy', 'limit', 0, '1', '0.05'));
    const untouched = await settlePendingOrders('ETH/BTC', [ENTERING], exchange, T + MINUTE, silentLogger);
    expect(untouched.plans).toEqual([]);

    await exchange.cancelOrder('ETH/BTC', entryId);
    const cancelled = await settlePendingOrders('ETH/BTC', [ENTERING], exchange, T + 2 * MINUTE, silentLogger);
    expect(cancelled.plans.map((p) => p.status)).toEqual(['cancelled']);
    expect(cancelled.fills).toEqual([]);

    const unknown = await settlePendingOrders('ETH/BTC', [{ ...ENTERING, id: 'test-other' }], exchange, T + 2 * MINUTE, silentLogger);
    expect(unknown.plans).toEqual([]);
  });
});
