import { describe, expect, it } from 'vitest';
import { BotConfigSchema } from '../../../../lib/domain/botConfig.js';
import { ccxtGatewaySettings } from '../../../../lib/runtime/lambda/ccxtGatewaySettings.js';
import { aHarness, anIntent } from '../../adapters/ccxt/support.js';

const BASE = { botId: 'trader', symbols: [{ symbol: 'ETH/BTC', timeframe: '5m' }] };

/** As a function reads it: the synthesized configuration, through the BOT_CONFIG variable's JSON. */
function deployed(exchange: Record<string, unknown>) {
  const synthesized = BotConfigSchema.parse({ ...BASE, exchange });
  return BotConfigSchema.parse(JSON.parse(JSON.stringify(synthesized)));
}

describe('Function: ccxtGatewaySettings', () => {
  it("hands the bot configuration's retries and pause windows to the gateway", () => {
    const config = deployed({
      id: 'binance',
      retry: { maxAttempts: 2, baseDelayMs: 50, maxDelayMs: 400 },
      pause: { windows: [{ from: '2024-01-02T11:00:00Z', to: '2024-01-02T13:00:00Z' }], dailyUtc: { from: '23:30', to: '00:30' } },
    });

    const { exchange } = aHarness(ccxtGatewaySettings(config.exchange));

    expect(exchange.config).toMatchObject({
      exchangeId: 'binance',
      retry: { maxAttempts: 2, baseDelayMs: 50, maxDelayMs: 400 },
      pause: { windows: [{ from: Date.UTC(2024, 0, 2, 11), to: Date.UTC(2024, 0, 2, 13) }], dailyUtc: { from: '23:30', to: '00:30' } },
    });
  });

  it('makes the deployed gateway send no order inside a configured pause window', async () => {
    const config = deployed({ id: 'binance', pause: { windows: [{ from: '2024-01-02T11:00:00Z', to: '2024-01-02T13:00:00Z' }] } });
    const { exchange, client } = aHarness(ccxtGatewaySettings(config.exchange));

    const outcome = await exchange.createOrder(anIntent());

    expect(outcome).toEqual({ kind: 'rejected', reason: 'exchange pause window 2024-01-02T11:00:00.000Z to 2024-01-02T13:00:00.000Z: no order is sent' });
    expect(client.createCalls).toEqual([]);
  });

  it("leaves out what the configuration does not set, so the gateway's defaults hold", () => {
    expect(ccxtGatewaySettings(deployed({ id: 'okx', sandbox: true }).exchange)).toEqual({ exchangeId: 'okx', sandbox: true });
  });
});
