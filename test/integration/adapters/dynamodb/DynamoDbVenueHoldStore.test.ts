import { describe, expect, it, vi } from 'vitest';
import { CcxtExchange } from '../../../../lib/adapters/ccxt/CcxtExchange.js';
import { DynamoDbVenueHoldStore } from '../../../../lib/adapters/dynamodb/DynamoDbVenueHoldStore.js';
import { type ExchangeSimulator, connectCcxtBinance, startExchangeSimulator } from '../../../../lib/local/exchange-sim/index.js';
import { silentLogger } from '../../../../lib/ports/Logger.js';
import { PendingWrites } from '../../../../lib/runtime/lambda/PendingWrites.js';
import { shareVenueHold } from '../../../../lib/runtime/lambda/shareVenueHold.js';
import { useDynamoDbLocal } from '../../../support/dynamoDbLocalTables.js';
import { LTC_CANDLES, LTC_MARKET, ltcIntent } from '../ccxt/ccxtSimFixture.js';

const dynamo = useDynamoDbLocal();

/** A function's gateway as LambdaRuntime builds it: the real ccxt client on the simulator, sharing the hold through the store. */
async function coldGateway(sim: ExchangeSimulator, store: DynamoDbVenueHoldStore): Promise<CcxtExchange> {
  const gateway = new CcxtExchange(
    { exchangeId: 'binance', retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 10 } },
    { client: connectCcxtBinance(sim, { timeoutMs: 5_000 }), clock: { now: () => sim.now() }, logger: silentLogger, timing: { sleep: () => Promise.resolve(), random: () => 0.5 } },
  );
  return shareVenueHold(gateway, await store.read(), store, silentLogger, new PendingWrites());
}

describe('Class: DynamoDbVenueHoldStore (DynamoDB Local)', () => {
  it('reads nothing before any hold, then the hold written; keeps the later end when a shorter one comes', async () => {
    const store = new DynamoDbVenueHoldStore(dynamo.client, (await dynamo.freshTables()).state);
    expect(await store.read()).toBeUndefined();

    await store.write({ banned: true, until: 2_000, reason: '418: IP banned until 2000' });
    await store.write({ banned: false, until: 1_500, reason: '429: Retry-After 1 s' });
    expect(await store.read()).toEqual({ banned: true, until: 2_000, reason: '418: IP banned until 2000' });

    await store.write({ banned: false, until: 3_000, reason: '429: Retry-After 3 s' });
    expect(await store.read()).toEqual({ banned: false, until: 3_000, reason: '429: Retry-After 3 s' });
  });

  it("makes a cold start honour a ban another function met: it refuses every call without reaching the venue until the ban's end", async () => {
    const sim = await startExchangeSimulator({ series: [{ symbol: 'LTC/BTC', timeframe: '5m', candles: LTC_CANDLES }], markets: [LTC_MARKET], balances: { BTC: '1', LTC: '10' }, spreadPct: '0.1' });
    try {
      const store = new DynamoDbVenueHoldStore(dynamo.client, (await dynamo.freshTables()).state);
      const decide = await coldGateway(sim, store);
      sim.faults.inject({ endpoint: 'GET /api/v3/account', kind: 'ipBan', retryAfterSeconds: 600 });
      await expect(decide.fetchBalances()).rejects.toMatchObject({ category: 'banned' });
      const bannedUntil = sim.now() + 600_000;
      await vi.waitFor(async () => expect(await store.read()).toMatchObject({ banned: true, until: bannedUntil }));

      // Another function starts cold: it calls nothing, so the venue sees no request to lengthen the ban over.
      const weight = sim.usedWeight();
      const heartbeat = await coldGateway(sim, store);
      await expect(heartbeat.fetchBalances()).rejects.toMatchObject({ errorClass: 'VenueHold', category: 'banned' });
      expect(await heartbeat.createOrder(ltcIntent({ amount: '1', price: '0.0169' }))).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('not sent: the venue asked for no calls until') as unknown });
      expect({ weight: sim.usedWeight(), orders: sim.orders() }).toEqual({ weight, orders: [] });

      // Once the ban has ended, a cold start calls the venue again.
      sim.advanceTo(bannedUntil);
      const later = await coldGateway(sim, store);
      expect((await later.fetchBalances())['BTC']).toEqual({ free: '1', used: '0', total: '1' });
    } finally {
      await sim.stop();
    }
  });
});
