import { CcxtExchange } from '../../../../lib/adapters/ccxt/CcxtExchange.js';
import type { CcxtExchangeConfigInput } from '../../../../lib/adapters/ccxt/CcxtExchangeConfig.js';
import type { Market } from '../../../../lib/domain/market.js';
import type { OrderIntent } from '../../../../lib/domain/order.js';
import { type ExchangeSimulator, type ExchangeSimulatorOptions, connectCcxtBinance, startExchangeSimulator } from '../../../../lib/local/exchange-sim/index.js';
import { silentLogger } from '../../../../lib/ports/Logger.js';
import { LTC_CANDLES, LTC_MARKET as SIM_LTC_MARKET } from '../../local/exchange-sim/simFixture.js';

export { LTC_CANDLES, candle, closeOf } from '../../local/exchange-sim/simFixture.js';

/**
 * The simulator's LTC/BTC as the gateway reports it: Binance's exchangeInfo carries no fees,
 * so the maker rate is ccxt's default for binance rather than the simulator's own.
 */
export const LTC_MARKET: Market = { ...SIM_LTC_MARKET, makerFeeRate: '0.001' };

export interface GatewayHarness {
  readonly sim: ExchangeSimulator;
  readonly gateway: CcxtExchange;
  readonly sleeps: number[];
  stop(): Promise<void>;
}

/** An LTC/BTC simulator with our gateway over a real ccxt binance on it; time is the simulator's. */
export async function startGateway(
  config: Partial<CcxtExchangeConfigInput> = {},
  simOptions: Partial<ExchangeSimulatorOptions> = {},
  timeoutMs = 5_000,
): Promise<GatewayHarness> {
  const sim = await startExchangeSimulator({
    series: [{ symbol: 'LTC/BTC', timeframe: '5m', candles: LTC_CANDLES }],
    markets: [LTC_MARKET],
    balances: { BTC: '1', LTC: '10' },
    spreadPct: '0.1',
    ...simOptions,
  });
  const sleeps: number[] = [];
  const gateway = new CcxtExchange(
    { exchangeId: 'binance', retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 2_000 }, ...config },
    {
      client: connectCcxtBinance(sim, { timeoutMs }),
      clock: { now: () => sim.now() },
      logger: silentLogger,
      timing: { sleep: (ms) => (sleeps.push(ms), Promise.resolve()), random: () => 0.5 },
      secrets: [sim.apiKey, sim.secret],
    },
  );
  return { sim, gateway, sleeps, stop: () => sim.stop() };
}

let sequence = 0;

/** An intent with a fresh client order id: the simulator allows an id once while its order is open. */
export function ltcIntent(overrides: Partial<OrderIntent> = {}): OrderIntent {
  sequence += 1;
  return {
    clientOrderId: `it-${sequence}-${Date.now().toString(36)}`,
    botId: 'it',
    planId: 'it-plan',
    leg: 'entry',
    attempt: 0,
    symbol: 'LTC/BTC',
    side: 'buy',
    type: 'limit',
    amount: '1',
    price: '0.017',
    createdAt: 0,
    ...overrides,
  };
}
