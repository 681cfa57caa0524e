import { describe, expect, it } from 'vitest';
import { CcxtExchangeConfigSchema } from '../../../../lib/adapters/ccxt/CcxtExchangeConfig.js';
import { createCcxtClient } from '../../../../lib/adapters/ccxt/createCcxtClient.js';
import { loadExchangeClass } from '../../../../lib/adapters/ccxt/loadExchangeClass.js';
import { UnsupportedExchangeError } from '../../../../lib/domain/errors.js';

describe('Function: loadExchangeClass', () => {
  it('loads one exchange class by id', async () => {
    const Binance = await loadExchangeClass('binance');
    expect(new Binance().id).toBe('binance');
  });

  it('refuses an id not on the list, so no configured string becomes a path', async () => {
    await expect(loadExchangeClass('../../../etc/passwd')).rejects.toBeInstanceOf(UnsupportedExchangeError);
    await expect(loadExchangeClass('binance.js')).rejects.toThrow('exchange "binance.js" is not supported (supported: binance, binanceus, bybit, okx, kraken, coinbase, kucoin, bitstamp)');
  });
});

describe('Function: createCcxtClient', () => {
  it('switches to the testnet when the config says sandbox, rate limited, with the timeout', async () => {
    const client = await createCcxtClient(CcxtExchangeConfigSchema.parse({ exchangeId: 'binance', sandbox: true, requestTimeoutMs: 2_500 }), { apiKey: 'k', secret: 's' });
    const view = client as unknown as { urls: { api: Record<string, string> }; enableRateLimit: boolean; timeout: number; apiKey: string };
    expect(view.urls.api['public']).toContain('testnet');
    expect(view.enableRateLimit).toBe(true);
    expect(view.timeout).toBe(2_500);
    expect(view.apiKey).toBe('k');
  });

  it('stays on the live venue otherwise', async () => {
    const client = await createCcxtClient(CcxtExchangeConfigSchema.parse({ exchangeId: 'binance' }), undefined);
    expect((client as unknown as { urls: { api: Record<string, string> } }).urls.api['public']).toBe('https://api.binance.com/api/v3');
  });
});
