import { afterEach, describe, expect, it } from 'vitest';
import { CcxtExchange } from '../../../../lib/adapters/ccxt/CcxtExchange.js';
import type { VenueHoldNotice } from '../../../../lib/adapters/ccxt/VenueHold.js';
import { ExchangeCallError } from '../../../../lib/domain/errors.js';
import { type ExchangeSimulator, type ExchangeSimulatorOptions, connectCcxtBinance, startExchangeSimulator } from '../../../../lib/local/exchange-sim/index.js';
import { silentLogger } from '../../../../lib/ports/Logger.js';
import { LTC_CANDLES, LTC_MARKET, ltcIntent } from './ccxtSimFixture.js';

interface Held {
  readonly sim: ExchangeSimulator;
  readonly gateway: CcxtExchange;
  readonly sleeps: number[];
  readonly notices: VenueHoldNotice[];
}

/** Our gateway over a real ccxt client on the simulator, hearing of holds; time is the simulator's. */
async function start(simOptions: Partial<ExchangeSimulatorOptions> = {}): Promise<Held> {
  const sim = await startExchangeSimulator({ series: [{ symbol: 'LTC/BTC', timeframe: '5m', candles: LTC_CANDLES }], markets: [LTC_MARKET], balances: { BTC: '1', LTC: '10' }, spreadPct: '0.1', ...simOptions });
  const sleeps: number[] = [];
  const notices: VenueHoldNotice[] = [];
  const gateway = new CcxtExchange(
    { exchangeId: 'binance', retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 2_000 } },
    {
      client: connectCcxtBinance(sim, { timeoutMs: 5_000 }),
      clock: { now: () => sim.now() },
      logger: silentLogger,
      timing: { sleep: (ms) => (sleeps.push(ms), Promise.resolve()), random: () => 0.5 },
      onVenueHold: (notice) => notices.push(notice),
    },
  );
  return { sim, gateway, sleeps, notices };
}

describe('CcxtExchange on the Binance simulator: rate limits, bans and answers of unknown outcome', () => {
  let h: Held | undefined;
  afterEach(async () => {
    await h?.sim.stop();
    h = undefined;
  });

  it('sleeps a short Retry-After in full before retrying', async () => {
    h = await start();
    h.sim.faults.inject({ endpoint: 'GET /api/v3/ticker/24hr', kind: 'rateLimit', retryAfterSeconds: 2 });
    expect(await h.gateway.fetchLastPrice('LTC/BTC')).toBe(0.01698499);
    expect(h.sleeps).toEqual([2_000]);
  });

  it("stops at the venue's 429 when its Retry-After is longer than a retry may wait: no ban, no call until the window ends", async () => {
    h = await start({ requestWeight: { limit: 40 } });
    await h.gateway.fetchBalances(); // exchangeInfo 20 + account 20
    const refused = await h.gateway.fetchLastPrice('LTC/BTC').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ExchangeCallError);
    expect(refused).toMatchObject({ category: 'rateLimited' });
    expect(h.notices).toEqual([expect.objectContaining({ banned: false, until: h.sim.now() + 60_000 })]);
    expect(h.sleeps).toEqual([]);
    const weight = h.sim.usedWeight();
    // Every call fails at once without reaching the venue, so it never bans us.
    await expect(h.gateway.fetchLastPrice('LTC/BTC')).rejects.toMatchObject({ errorClass: 'VenueHold', category: 'rateLimited' });
    expect(await h.gateway.createOrder(ltcIntent({ amount: '1', price: '0.0169' }))).toMatchObject({ kind: 'rejected' });
    expect(h.sim.usedWeight()).toBe(weight);
    expect(h.sim.orders()).toEqual([]);
    h.sim.advanceTo(h.sim.now() + 60_000);
    expect(await h.gateway.fetchLastPrice('LTC/BTC')).toBe(0.01698499);
    expect(h.notices).toHaveLength(1);
  });

  it('holds every call for the length of a 418 ban and says so once, instead of retrying into it', async () => {
    h = await start();
    h.sim.faults.inject({ endpoint: 'GET /api/v3/account', kind: 'ipBan', retryAfterSeconds: 600 });
    await expect(h.gateway.fetchBalances()).rejects.toMatchObject({ category: 'banned', retryable: false });
    expect(h.notices).toEqual([expect.objectContaining({ banned: true, until: h.sim.now() + 600_000 })]);
    expect(h.sleeps).toEqual([]);
    const weight = h.sim.usedWeight();
    const outcome = await h.gateway.createOrder(ltcIntent({ amount: '1', price: '0.0169' }));
    expect(outcome.kind).toBe('rejected');
    expect(outcome.kind === 'rejected' && outcome.reason).toContain('not sent: the venue asked for no calls until');
    await expect(h.gateway.fetchOpenOrders('LTC/BTC')).rejects.toMatchObject({ category: 'banned' });
    expect({ weight: h.sim.usedWeight(), orders: h.sim.orders() }).toEqual({ weight, orders: [] });
    h.sim.advanceTo(h.sim.now() + 600_000);
    expect((await h.gateway.fetchBalances())['BTC']).toEqual({ free: '1', used: '0', total: '1' });
  });

  it('keeps exactly one order when the venue places it and answers 5xx, or -1007: the lookup adopts it', async () => {
    h = await start();
    for (const kind of ['serverErrorAfterExecution', 'backendTimeout'] as const) {
      h.sim.faults.inject({ endpoint: 'POST /api/v3/order', kind });
      const intent = ltcIntent({ amount: '1', price: '0.0169' });
      expect(await h.gateway.createOrder(intent)).toMatchObject({ kind: 'acknowledged', order: { clientOrderId: intent.clientOrderId, status: 'open' } });
      expect(h.sim.orders().filter((o) => o.clientOrderId === intent.clientOrderId), kind).toHaveLength(1);
    }
  });

  it('sends an order again after -1001, which the venue did not act on, and keeps one', async () => {
    h = await start();
    h.sim.faults.inject({ endpoint: 'POST /api/v3/order', kind: 'disconnected' });
    const intent = ltcIntent({ amount: '1', price: '0.0169' });
    expect(await h.gateway.createOrder(intent)).toMatchObject({ kind: 'acknowledged' });
    expect(h.sim.orders().filter((o) => o.clientOrderId === intent.clientOrderId)).toHaveLength(1);
  });
});
