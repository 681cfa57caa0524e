import type { binance } from 'ccxt';
import { timeframeMs } from '../../../../lib/domain/candle.js';
import type { Candle } from '../../../../lib/domain/candle.js';
import type { Market } from '../../../../lib/domain/market.js';
import { type ExchangeSimulator, type ExchangeSimulatorOptions, connectCcxtBinance, startExchangeSimulator } from '../../../../lib/local/exchange-sim/index.js';
import { readSharedCandles } from '../../../support/sharedCandles.js';

export const FIVE_MINUTES = timeframeMs('5m');

/** The first 60 real LTC/BTC 5m candles (Binance, January 2018). */
export const LTC_CANDLES: readonly Candle[] = readSharedCandles('LTC_BTC-5m.json').slice(0, 60);

/** LTC/BTC with a lot step finer than its minimum, so LOT_SIZE and NOTIONAL can be told apart. */
export const LTC_MARKET: Market = {
  symbol: 'LTC/BTC',
  base: 'LTC',
  quote: 'BTC',
  amountStep: '0.001',
  priceStep: '0.00000001',
  minAmount: '0.01',
  maxAmount: '100000',
  minCost: '0.0001',
  takerFeeRate: '0.001',
  makerFeeRate: '0.00075',
};

export function candle(index: number): Candle {
  const c = LTC_CANDLES[index];
  if (!c) throw new Error(`no LTC candle ${index}`);
  return c;
}

/** The time candle `index` closes: advancing there matches orders against it. */
export function closeOf(index: number): number {
  return candle(index).openTime + FIVE_MINUTES;
}

export interface SimHarness {
  readonly sim: ExchangeSimulator;
  readonly exchange: binance;
  stop(): Promise<void>;
}

/** An LTC/BTC simulator and a real ccxt binance client on it, markets loaded. */
export async function startLtcSimulator(overrides: Partial<ExchangeSimulatorOptions> = {}, timeoutMs = 5_000): Promise<SimHarness> {
  const sim = await startExchangeSimulator({
    series: [{ symbol: 'LTC/BTC', timeframe: '5m', candles: LTC_CANDLES }],
    markets: [LTC_MARKET],
    balances: { BTC: '1', LTC: '10' },
    spreadPct: '0.1',
    ...overrides,
  });
  const exchange = connectCcxtBinance(sim, { timeoutMs });
  await exchange.loadMarkets();
  return { sim, exchange, stop: () => sim.stop() };
}

/** The venue id of an order ccxt returned; ccxt types it as possibly undefined. */
export function idOf(order: { id?: string | undefined }): string {
  if (order.id === undefined) throw new Error('ccxt returned an order without an id');
  return order.id;
}
