import { InsufficientFunds, InvalidOrder, OrderImmediatelyFillable, RequestTimeout } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { ProtectiveStopPlacer } from '../../../../lib/adapters/ccxt/ProtectiveStopPlacer.js';
import { FakeCcxtClient } from './FakeCcxtClient.js';
import { aHarness, anIntent, recordingLogger, type LoggedLine } from './support.js';

// Market tick 0.00001; the fake's bid is 0.04999, ask 0.05001.
const stopIntent = anIntent({ leg: 'stop', side: 'sell', type: 'stop_market', amount: '1', price: '0.048', stopPrice: '0.048', clientOrderId: 'bot1-abcdefghijklmn-s0' });
const WOULD_TRIGGER = () => new OrderImmediatelyFillable('binance Stop price would trigger immediately.');

function aPlacer(fallback: 'botManaged' | 'flatten' = 'botManaged', client = new FakeCcxtClient()) {
  const harness = aHarness({ stopLimitOffsetPct: 0.01 }, client);
  const lines: LoggedLine[] = [];
  const placer = new ProtectiveStopPlacer({ gateway: harness.exchange, logger: recordingLogger(lines), fallback });
  return { ...harness, placer, placerLines: lines };
}

describe('Class: ProtectiveStopPlacer', () => {
  describe('Method: place', () => {
    it('places a sell stop as a stop-limit a configured fraction below the trigger', async () => {
      const { client, placer } = aPlacer();
      const outcome = await placer.place(stopIntent);
      expect(outcome).toMatchObject({ kind: 'placed', stopPrice: '0.048', corrected: false, order: { type: 'stop_market', stopPrice: '0.048', price: '0.04752' } });
      expect(client.createCalls).toEqual([
        { symbol: 'ETH/BTC', type: 'limit', side: 'sell', amount: 1, price: 0.04752, params: { clientOrderId: 'bot1-abcdefghijklmn-s0', triggerPrice: 0.048 } },
      ]);
    });

    it('moves a stop that would trigger at once to one tick below the bid, and retries once', async () => {
      const { client, placer, placerLines } = aPlacer();
      client.createSteps = [{ fail: WOULD_TRIGGER() }, 'place'];
      const outcome = await placer.place({ ...stopIntent, stopPrice: '0.0501', price: '0.0501' });
      expect(outcome).toMatchObject({ kind: 'placed', stopPrice: '0.04998', corrected: true });
      expect(client.createCalls.map((c) => [c.params['clientOrderId'], c.params['triggerPrice']])).toEqual([
        ['bot1-abcdefghijklmn-s0', 0.0501],
        ['bot1-abcdefghijklmn-s0', 0.04998],
      ]);
      expect(placerLines.filter((l) => l.level === 'error')).toEqual([]);
    });

    it('falls back to a bot-managed stop with an alarm after the corrected stop is refused too', async () => {
      const { client, placer, placerLines } = aPlacer();
      client.createSteps = [{ fail: WOULD_TRIGGER() }, { fail: new InvalidOrder('binance PRICE_FILTER') }];
      const outcome = await placer.place(stopIntent);
      expect(outcome).toEqual({
        kind: 'botManaged',
        reason: 'OrderImmediatelyFillable: binance Stop price would trigger immediately.; corrected to 0.048: InvalidOrder: binance PRICE_FILTER',
      });
      expect(client.createCalls).toHaveLength(2);
      expect(placerLines.filter((l) => l.level === 'error')).toEqual([
        {
          level: 'error',
          message: 'protective stop refused; the bot manages the stop',
          fields: { alarm: 'UnprotectedPosition', planId: 'bot1-plan', clientOrderId: 'bot1-abcdefghijklmn-s0', symbol: 'ETH/BTC', fallback: 'botManaged', reason: outcome.kind === 'botManaged' ? outcome.reason : '' },
        },
      ]);
    });

    it('does not retry a refusal no price can fix', async () => {
      const { client, placer } = aPlacer();
      client.createSteps = [{ fail: new InsufficientFunds('binance insufficient balance') }];
      expect(await placer.place(stopIntent)).toEqual({ kind: 'botManaged', reason: 'InsufficientFunds: binance insufficient balance' });
      expect(client.createCalls).toHaveLength(1);
    });

    it('asks for a market exit only when the configuration says flatten', async () => {
      const { client, placer, placerLines } = aPlacer('flatten');
      client.createSteps = [{ fail: new InsufficientFunds('binance insufficient balance') }];
      expect(await placer.place(stopIntent)).toEqual({ kind: 'flatten', reason: 'InsufficientFunds: binance insufficient balance' });
      expect(placerLines.at(-1)?.message).toBe('protective stop refused; closing the position');
    });

    it('leaves an unknown placement unknown: no second stop is sent blind', async () => {
      const { client, placer } = aPlacer();
      client.createSteps = [{ fail: new RequestTimeout('t') }, { fail: new RequestTimeout('t') }, { fail: new RequestTimeout('t') }];
      const outcome = await placer.place(stopIntent);
      expect(outcome.kind).toBe('unknown');
      expect(client.createCalls).toHaveLength(3);
    });

    it('manages the stop in the bot, without an alarm, where the venue has no stop orders', async () => {
      const client = new FakeCcxtClient();
      client.has = {};
      const { placer, placerLines } = aPlacer('botManaged', client);
      expect(await placer.place(stopIntent)).toEqual({ kind: 'botManaged', reason: 'the exchange takes no stop orders for ETH/BTC' });
      expect(client.createCalls).toEqual([]);
      expect(placerLines.map((l) => l.level)).toEqual(['info']);
    });
  });
});

describe('Class: CcxtExchange', () => {
  describe('Method: placeProtectiveStop', () => {
    it('reports a refusal before sending as not correctable, and a price refusal as correctable', async () => {
      const { client, exchange } = aHarness();
      expect(await exchange.placeProtectiveStop({ ...stopIntent, amount: '0.00001' })).toEqual({
        kind: 'refused',
        reason: 'amount 0 (from 0.00001, step 0.0001) is below minAmount 0.0001',
        correctable: false,
      });
      client.createSteps = [{ fail: WOULD_TRIGGER() }];
      expect(await exchange.placeProtectiveStop(stopIntent)).toEqual({
        kind: 'refused',
        reason: 'OrderImmediatelyFillable: binance Stop price would trigger immediately.',
        correctable: true,
      });
    });
  });
});
