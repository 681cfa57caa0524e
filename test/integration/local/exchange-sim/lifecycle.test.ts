import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { connectCcxtBinance, startExchangeSimulator } from '../../../../lib/local/exchange-sim/index.js';
import { LTC_CANDLES, closeOf } from './simFixture.js';

function serverHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
}

/** A raw GET that resolves with how it ended: a status code, or the socket error. */
function get(url: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request(url, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.statusCode)));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
}

describe('Function: startExchangeSimulator', () => {
  it('starts from a candle file with an inferred market, on a loopback port', async () => {
    const sim = await startExchangeSimulator({ candleFiles: ['../shared/data/candles/LTC_BTC-5m.json'], balances: { BTC: '0.5' } });
    try {
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sim.now()).toBe(closeOf(0));
      const exchange = connectCcxtBinance(sim);
      const markets = await exchange.loadMarkets();
      expect(Object.keys(markets)).toEqual(['LTC/BTC']);
      expect(markets['LTC/BTC']?.precision.price).toBe(0.00000001);
    } finally {
      await sim.stop();
    }
  });

  it('stop() closes the server and every socket, a hung request included, and can be called twice', async () => {
    const before = serverHandles();
    const sim = await startExchangeSimulator({ series: [{ symbol: 'LTC/BTC', timeframe: '5m', candles: LTC_CANDLES }], balances: {} });
    const exchange = connectCcxtBinance(sim);
    await exchange.fetchTime(); // leaves a keep-alive socket open
    sim.faults.inject({ endpoint: 'GET /api/v3/time', kind: 'hang', hangMs: 60_000 });
    const hung = get(`${sim.url}/api/v3/time`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(serverHandles()).toBe(before + 1);

    const started = Date.now();
    await sim.stop();
    await sim.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await hung).toBe('ECONNRESET');
    expect(sim.listening).toBe(false);
    expect(serverHandles()).toBe(before);
    expect(await get(`${sim.url}/api/v3/time`)).toBe('ECONNREFUSED');
  });

  it('runs the clock at a multiple of real time until told to stop', async () => {
    const sim = await startExchangeSimulator({ series: [{ symbol: 'LTC/BTC', timeframe: '5m', candles: LTC_CANDLES }], balances: {} });
    try {
      const start = sim.now();
      sim.runAtSpeed(60_000); // a minute of market time per millisecond
      await new Promise((resolve) => setTimeout(resolve, 100));
      sim.stopRunning();
      const stoppedAt = sim.now();
      expect(stoppedAt).toBeGreaterThan(start + 60 * 60_000);
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(sim.now()).toBe(stoppedAt);
      expect(() => sim.advanceTo(start)).toThrow(/cannot go back/);
    } finally {
      await sim.stop();
    }
  });
});
