import { binance } from 'ccxt';

/** What connectCcxtBinance needs of a simulator. */
export interface SimulatorEndpoint {
  readonly url: string;
  readonly apiKey: string;
  readonly secret: string;
}

/**
 * The ccxt options that keep `binance` on the spot REST subset the simulator speaks:
 * markets from /api/v3/exchangeInfo only (no futures, no margin pairs, no sapi currencies),
 * no clock adjustment (the simulator's clock replays history), no client-side throttling.
 */
export function simulatorCcxtOptions(): Record<string, unknown> {
  return {
    defaultType: 'spot',
    fetchMarkets: { types: ['spot'] },
    fetchMargins: false,
    fetchCurrencies: false,
    adjustForTimeDifference: false,
    fetchOpenOrders: { warnWithoutSymbol: false },
  };
}

/**
 * A real ccxt `binance` client pointed at the simulator. Every API base URL ccxt knows is
 * rewritten to the simulator, so a call outside the simulated subset gets the simulator's
 * "not implemented" answer instead of reaching the real venue.
 */
export function connectCcxtBinance(sim: SimulatorEndpoint, options: { timeoutMs?: number } = {}): binance {
  const exchange = new binance({
    apiKey: sim.apiKey,
    secret: sim.secret,
    enableRateLimit: false,
    timeout: options.timeoutMs ?? 10_000,
    options: simulatorCcxtOptions(),
  });
  const api = exchange.urls['api'] as Record<string, unknown>;
  for (const [name, address] of Object.entries(api)) {
    if (typeof address === 'string') api[name] = sim.url + new URL(address).pathname;
  }
  return exchange;
}
