import { BadRequest, InvalidOrder } from 'ccxt';
import { afterEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../../../lib/domain/candle.js';
import { STRICT_FILLS } from '../../../../lib/local/exchange-sim/index.js';
import { LTC_CANDLES, LTC_MARKET, type SimHarness, candle, closeOf, idOf, startLtcSimulator } from './simFixture.js';

/** A limit order as the venue's parameters, sent as they are (ccxt would round them). */
const limit = (side: 'BUY' | 'SELL', quantity: string, price: string, extra: Record<string, string> = {}) => ({ symbol: 'LTCBTC', side, type: 'LIMIT', timeInForce: 'GTC', quantity, price, ...extra });

describe('Exchange simulator: the filters the venue applies, through ccxt', () => {
  let h: SimHarness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('checks LOT_SIZE as quantity % stepSize, not (quantity − minQty) % stepSize', async () => {
    h = await startLtcSimulator({ markets: [{ ...LTC_MARKET, amountStep: '0.01', minAmount: '0.015' }] });
    // 0.02 is a whole number of steps though 0.02 − 0.015 is not: the venue accepts it.
    expect(await h.exchange.privatePostOrder(limit('BUY', '0.02', '0.0169'))).toMatchObject({ status: 'NEW', origQty: '0.02000000' });
    await expect(h.exchange.privatePostOrder(limit('BUY', '0.025', '0.0169'))).rejects.toThrow('Filter failure: LOT_SIZE');
    await expect(h.exchange.privatePostOrder(limit('BUY', '0.01', '0.0169'))).rejects.toThrow('Filter failure: LOT_SIZE');
  });

  it("gives each symbol a maxPrice above its own prices, so a pair priced in the thousands trades (a fixed 1000 refused it)", async () => {
    const btcCandles: Candle[] = LTC_CANDLES.map((c) => ({ ...c, open: c.open * 1e6, high: c.high * 1e6, low: c.low * 1e6, close: c.close * 1e6 }));
    h = await startLtcSimulator({
      series: [{ symbol: 'BTC/USDT', timeframe: '5m', candles: btcCandles }],
      markets: [{ symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', amountStep: '0.00001', priceStep: '0.01', minAmount: '0.00001', minCost: '5', takerFeeRate: '0.001', makerFeeRate: '0.001' }],
      balances: { USDT: '100000' },
    });
    const filter = (h.exchange.market('BTC/USDT').info as { filters: { filterType: string; maxPrice?: string }[] }).filters.find((f) => f.filterType === 'PRICE_FILTER');
    expect(filter?.maxPrice).toBe('100000000.00000000');
    const order = await h.exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 16900);
    expect(order.status).toBe('open');
    await expect(h.exchange.privatePostOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '100000000.01' })).rejects.toThrow('Filter failure: PRICE_FILTER');
  });

  it('refuses myTrades over more than 24 hours between startTime and endTime (-1127, a BadRequest to ccxt), and answers a window of 24 hours', async () => {
    h = await startLtcSimulator();
    const day = 24 * 60 * 60_000;
    const since = candle(0).openTime;
    const tooLong = h.exchange.fetchMyTrades('LTC/BTC', since, undefined, { endTime: since + day + 1 });
    await expect(tooLong).rejects.toThrow(BadRequest);
    await expect(h.exchange.fetchMyTrades('LTC/BTC', since, undefined, { endTime: since + day + 1 })).rejects.toThrow('More than 24 hours between startTime and endTime.');
    expect(await h.exchange.fetchMyTrades('LTC/BTC', since, undefined, { endTime: since + day })).toEqual([]);
  });

  it('refuses myTrades with orderId or fromId beside a time (-1128), the combinations the venue does not list', async () => {
    h = await startLtcSimulator();
    const since = candle(0).openTime;
    await expect(h.exchange.fetchMyTrades('LTC/BTC', since, undefined, { fromId: 1 })).rejects.toThrow('Combination of optional parameters invalid.');
    await expect(h.exchange.fetchMyTrades('LTC/BTC', undefined, undefined, { orderId: 1, endTime: since })).rejects.toThrow('Combination of optional parameters invalid.');
    expect(await h.exchange.fetchMyTrades('LTC/BTC', undefined, undefined, { orderId: 1, fromId: 1 })).toEqual([]);
  });

  it('refuses a limit price outside PERCENT_PRICE_BY_SIDE of the 5-minute average price (0.2× to 5×)', async () => {
    h = await startLtcSimulator();
    // The average is the close of the candle that just closed, 0.01690701: the bounds are 0.003381402 and 0.08453505.
    await expect(h.exchange.privatePostOrder(limit('BUY', '1', '0.00338'))).rejects.toThrow('Filter failure: PERCENT_PRICE_BY_SIDE');
    await expect(h.exchange.privatePostOrder(limit('SELL', '1', '0.08454'))).rejects.toThrow('Filter failure: PERCENT_PRICE_BY_SIDE');
    expect(await h.exchange.privatePostOrder(limit('BUY', '1', '0.00339'))).toMatchObject({ status: 'NEW' });
    expect(await h.exchange.privatePostOrder(limit('SELL', '1', '0.08453'))).toMatchObject({ status: 'NEW' });
  });

  it('applies MARKET_LOT_SIZE to market orders only, and advertises it', async () => {
    h = await startLtcSimulator({ symbolRules: { 'LTC/BTC': { marketLotSize: { maxQty: '2' } } } });
    const filters = (h.exchange.market('LTC/BTC').info as { filters: { filterType: string }[] }).filters;
    expect(filters.find((f) => f.filterType === 'MARKET_LOT_SIZE')).toEqual({ filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: '2.00000000', stepSize: '0.00000000' });
    const tooBig = h.exchange.createOrder('LTC/BTC', 'market', 'buy', 3);
    await expect(tooBig).rejects.toThrow(InvalidOrder);
    await expect(tooBig).rejects.toThrow('Filter failure: MARKET_LOT_SIZE');
    expect((await h.exchange.createOrder('LTC/BTC', 'limit', 'buy', 3, 0.0169)).status).toBe('open');
    expect((await h.exchange.createOrder('LTC/BTC', 'market', 'buy', 2)).status).toBe('closed');
  });

  it("refuses a limit or stop-limit order over NOTIONAL's maxNotional, as advertised; a market order is held to the minimum only (applyMaxToMarket false)", async () => {
    h = await startLtcSimulator({ markets: [{ ...LTC_MARKET, maxCost: '0.05' }] });
    const notional = (h.exchange.market('LTC/BTC').info as { filters: { filterType: string }[] }).filters.find((f) => f.filterType === 'NOTIONAL');
    expect(notional).toMatchObject({ maxNotional: '0.05000000', applyMaxToMarket: false });
    // 3 × 0.0169 = 0.0507 and 3 × 0.0165 = 0.0495; 2.95 × 0.0169 = 0.049855.
    const over = h.exchange.privatePostOrder(limit('BUY', '3', '0.0169'));
    await expect(over).rejects.toThrow(BadRequest);
    await expect(over).rejects.toThrow('Filter failure: NOTIONAL');
    await expect(h.exchange.createOrder('LTC/BTC', 'limit', 'sell', 3, 0.0169, { stopPrice: 0.0166 })).rejects.toThrow('Filter failure: NOTIONAL');
    expect(await h.exchange.privatePostOrder(limit('BUY', '2.95', '0.0169'))).toMatchObject({ status: 'NEW' });
    expect((await h.exchange.createOrder('LTC/BTC', 'limit', 'sell', 3, 0.0165, { stopPrice: 0.0166 })).status).toBe('open');
    expect((await h.exchange.createOrder('LTC/BTC', 'market', 'buy', 4)).status).toBe('closed');
  });

  it('answers -1111 for a quantity or price with more decimal places than the asset has', async () => {
    h = await startLtcSimulator();
    const fine = h.exchange.privatePostOrder(limit('BUY', '1.000000001', '0.0169'));
    await expect(fine).rejects.toThrow(BadRequest);
    await expect(fine).rejects.toThrow("Parameter 'quantity' has too much precision.");
    await expect(h.exchange.privatePostOrder(limit('BUY', '1', '0.016900001'))).rejects.toThrow("Parameter 'price' has too much precision.");
  });

  it('enforces MAX_NUM_ALGO_ORDERS (5 stop orders, as advertised) and MAX_NUM_ORDERS', async () => {
    h = await startLtcSimulator({ symbolRules: { 'LTC/BTC': { maxNumOrders: 7 } } });
    for (let i = 0; i < 5; i++) await h.exchange.createOrder('LTC/BTC', 'limit', 'sell', 1, 0.0165, { stopPrice: 0.0166 });
    await expect(h.exchange.createOrder('LTC/BTC', 'limit', 'sell', 1, 0.0165, { stopPrice: 0.0166 })).rejects.toThrow('Filter failure: MAX_NUM_ALGO_ORDERS');
    await h.exchange.createOrder('LTC/BTC', 'limit', 'buy', 1, 0.0169);
    await h.exchange.createOrder('LTC/BTC', 'limit', 'buy', 1, 0.0169);
    await expect(h.exchange.createOrder('LTC/BTC', 'limit', 'buy', 1, 0.0169)).rejects.toThrow('Filter failure: MAX_NUM_ORDERS');
    expect(h.sim.orders().filter((o) => o.status === 'NEW')).toHaveLength(7);
  });
});

describe('Exchange simulator: the order types it advertises and the statuses they end in', () => {
  let h: SimHarness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('expires an IOC limit that cannot fill at once (EXPIRED), locking nothing', async () => {
    h = await startLtcSimulator();
    const order = await h.exchange.createOrder('LTC/BTC', 'limit', 'buy', 1, 0.0169, { timeInForce: 'IOC' });
    expect(order).toMatchObject({ status: 'expired', filled: 0, info: { status: 'EXPIRED', timeInForce: 'IOC' } });
    expect(h.sim.balances()['BTC']).toEqual({ free: '1', locked: '0' });
  });

  it('refuses a LIMIT_MAKER (postOnly) that would take, and rests one that would not', async () => {
    h = await startLtcSimulator();
    const taking = h.exchange.createOrder('LTC/BTC', 'limit', 'buy', 1, 0.0171, { postOnly: true });
    await expect(taking).rejects.toThrow(InvalidOrder);
    await expect(taking).rejects.toThrow('Order would immediately match and take.');
    const resting = await h.exchange.createOrder('LTC/BTC', 'limit', 'buy', 1, 0.0169, { postOnly: true });
    expect(h.sim.orders().find((o) => o.orderId === Number(resting.id))).toMatchObject({ type: 'LIMIT_MAKER', status: 'NEW' });
  });

  it('triggers a TAKE_PROFIT_LIMIT sell when the price rises to its stop, and fills it at its limit', async () => {
    h = await startLtcSimulator();
    await expect(h.exchange.createOrder('LTC/BTC', 'limit', 'sell', 1, 0.0169, { takeProfitPrice: 0.0169 })).rejects.toThrow('Stop price would trigger immediately.');
    const order = await h.exchange.createOrder('LTC/BTC', 'limit', 'sell', 1, 0.0172, { takeProfitPrice: 0.0172 });
    expect(h.sim.orders().find((o) => o.orderId === Number(order.id))).toMatchObject({ type: 'TAKE_PROFIT_LIMIT', isWorking: false, stopPrice: '0.0172' });
    h.sim.advanceTo(closeOf(1)); // high 0.01705
    expect((await h.exchange.fetchOrder(idOf(order), 'LTC/BTC')).status).toBe('open');
    h.sim.advanceTo(closeOf(2)); // high 0.01725
    expect(await h.exchange.fetchOrder(idOf(order), 'LTC/BTC')).toMatchObject({ status: 'closed', average: 0.0172 });
  });

  it('expires our resting order that a taker of ours would trade against (EXPIRED_IN_MATCH, self-trade prevention EXPIRE_MAKER)', async () => {
    h = await startLtcSimulator();
    // The bid is 0.01696800 and the ask 0.01700198: a sell at 0.017 rests inside the spread, the best ask.
    const maker = await h.exchange.createOrder('LTC/BTC', 'limit', 'sell', 1, 0.017);
    expect(h.sim.balances()['LTC']).toEqual({ free: '9', locked: '1' });
    const taker = await h.exchange.createOrder('LTC/BTC', 'market', 'buy', 1);
    expect(taker.status).toBe('closed');
    expect(await h.exchange.fetchOrder(idOf(maker), 'LTC/BTC')).toMatchObject({ status: 'expired', filled: 0, info: { status: 'EXPIRED_IN_MATCH' } });
    expect(h.sim.balances()['LTC']).toEqual({ free: '10.999', locked: '0' });
  });
});

describe('Exchange simulator: STRICT_FILLS through ccxt', () => {
  let h: SimHarness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('fills a market order at several price levels and expires what the book could not fill (EXPIRED, partly filled)', async () => {
    h = await startLtcSimulator({ fills: STRICT_FILLS, balances: { BTC: '10', LTC: '10' } });
    // The last candle's volume is 1615.44770933: 2% of it is 32.308 a level, five levels 161.54.
    const order = await h.exchange.createOrder('LTC/BTC', 'market', 'buy', 200);
    expect(order).toMatchObject({ status: 'expired', info: { status: 'EXPIRED', executedQty: '161.54000000', origQty: '200.00000000' } });
    expect(h.sim.trades().map((t) => [t.price, t.qty])).toEqual([
      ['0.01700198', '32.308'],
      ['0.017002', '32.308'],
      ['0.01700202', '32.308'],
      ['0.01700204', '32.308'],
      ['0.01700206', '32.308'],
    ]);
  });

  it('expires a FOK that the book cannot fill whole without filling any of it', async () => {
    h = await startLtcSimulator({ fills: STRICT_FILLS, balances: { BTC: '10', LTC: '10' } });
    const order = await h.exchange.createOrder('LTC/BTC', 'limit', 'buy', 200, 0.0175, { timeInForce: 'FOK' });
    expect(order).toMatchObject({ status: 'expired', filled: 0 });
    expect(h.sim.trades()).toEqual([]);
    expect(h.sim.balances()['BTC']).toEqual({ free: '10', locked: '0' });
  });

  it('leaves a limit whose price a candle only touches unfilled, and fills it when a candle trades through', async () => {
    h = await startLtcSimulator({ fills: STRICT_FILLS });
    // Candle 1's high is exactly 0.01705; candle 2 trades up to 0.01725.
    const order = await h.exchange.createOrder('LTC/BTC', 'limit', 'sell', 1, 0.01705);
    h.sim.advanceTo(closeOf(1));
    expect((await h.exchange.fetchOrder(idOf(order), 'LTC/BTC')).status).toBe('open');
    h.sim.advanceTo(closeOf(2));
    expect((await h.exchange.fetchOrder(idOf(order), 'LTC/BTC')).status).toBe('closed');
  });
});
