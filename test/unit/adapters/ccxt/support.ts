import { CcxtExchange } from '../../../../lib/adapters/ccxt/CcxtExchange.js';
import type { CcxtExchangeConfigInput } from '../../../../lib/adapters/ccxt/CcxtExchangeConfig.js';
import { ManualClock } from '../../../../lib/adapters/memory/ManualClock.js';
import type { OrderIntent } from '../../../../lib/domain/order.js';
import type { Logger } from '../../../../lib/ports/Logger.js';
import { FakeCcxtClient } from './FakeCcxtClient.js';

export interface LoggedLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly fields: object;
  readonly message: string;
}

export function recordingLogger(lines: LoggedLine[]): Logger {
  const at = (level: LoggedLine['level']) => (fields: object, message: string) => void lines.push({ level, fields, message });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const NOW = Date.UTC(2024, 0, 2, 12, 0, 0);

export function anIntent(overrides: Partial<OrderIntent> = {}): OrderIntent {
  return {
    clientOrderId: 'bot1-abcdefghijklmn-e0',
    botId: 'bot1',
    planId: 'bot1-plan',
    leg: 'entry',
    attempt: 0,
    symbol: 'ETH/BTC',
    side: 'buy',
    type: 'limit',
    amount: '0.5',
    price: '0.05',
    createdAt: NOW,
    ...overrides,
  };
}

export interface Harness {
  readonly client: FakeCcxtClient;
  readonly exchange: CcxtExchange;
  readonly clock: ManualClock;
  readonly sleeps: number[];
  readonly lines: LoggedLine[];
}

/** A gateway over the fake client, with instant, recorded sleeps and a fixed random source. */
export function aHarness(config: Partial<CcxtExchangeConfigInput> = {}, client = new FakeCcxtClient()): Harness {
  const clock = new ManualClock(NOW);
  const sleeps: number[] = [];
  const lines: LoggedLine[] = [];
  const exchange = new CcxtExchange(
    { exchangeId: 'binance', retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 }, ...config },
    {
      client,
      clock,
      logger: recordingLogger(lines),
      timing: { sleep: (ms) => (sleeps.push(ms), Promise.resolve()), random: () => 0.5 },
      secrets: ['my-api-key', 'my-api-secret'],
    },
  );
  return { client, exchange, clock, sleeps, lines };
}
