import { afterEach, describe, expect, it } from 'vitest';
import { readSharedCandles } from '../../../support/sharedCandles.js';
import { type GatewayHarness, ltcIntent, startGateway } from './ccxtSimFixture.js';

/** The whole LTC/BTC 5m file: 20 days. */
const CANDLES = readSharedCandles('LTC_BTC-5m.json');
const closeOf = (index: number) => CANDLES[index]!.openTime + 5 * 60_000;

describe('CcxtExchange on the Binance simulator: fills of a plan held for days', () => {
  let h: GatewayHarness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('finds every fill since a time more than two days back, asking a day at a time (the venue refuses a wider span)', async () => {
    h = await startGateway({}, { series: [{ symbol: 'LTC/BTC', timeframe: '5m', candles: CANDLES }] });
    const sim = h.sim;
    sim.advanceTo(closeOf(10) + 1_000);
    const since = sim.now();
    const placed: string[] = [];
    // 390 five-minute candles apart: 32.5 hours between trades.
    for (const index of [10, 400, 790]) {
      sim.advanceTo(closeOf(index) + 1_000);
      const intent = ltcIntent({ type: 'market', side: index === 10 ? 'buy' : 'sell', amount: index === 10 ? '2' : '1', price: '0.017' });
      expect(await h.gateway.createOrder(intent)).toMatchObject({ kind: 'acknowledged', order: { status: 'closed' } });
      placed.push(intent.clientOrderId);
    }

    const fills = await h.gateway.fetchFills('LTC/BTC', since);

    expect(fills.map((f) => f.clientOrderId)).toEqual(placed);
    expect(fills.map((f) => f.id)).toEqual(sim.trades().map((t) => String(t.id)));
  });
});
