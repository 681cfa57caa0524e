import { binance } from 'ccxt';
import { type LoopbackRequest, loopbackFetch } from './loopbackFetch.js';

/** What connectCcxtBinance needs of a simulator. */
export interface SimulatorEndpoint {
  readonly url: string;
  readonly apiKey: string;
  readonly secret: string;
}

/**
 * The host name ccxt is given instead of binance.com. ccxt picks the error table for an
 * answer by its URL (`https://api.<hostname>/` is spot), so the simulator's answers are
 * read with Binance spot's table, as the venue's would be. `.invalid` never resolves
 * (RFC 2606): a request that escaped the rewrite below could not reach anything.
 */
export const SIMULATOR_HOSTNAME = 'exchange-sim.invalid';

/**
 * The ccxt options that keep `binance` on the spot REST subset the simulator speaks:
 * markets from /api/v3/exchangeInfo only (no futures, no margin pairs, no sapi currencies),
 * no clock adjustment (the simulator's clock replays history).
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

export interface CcxtConnectOptions {
  readonly timeoutMs?: number;
  /** ccxt's own rate limiter (Binance's costs, 6000 weight a minute). @default false: tests send bursts on purpose */
  readonly enableRateLimit?: boolean;
}

/**
 * A real ccxt `binance` client pointed at the simulator. ccxt keeps Binance's URL layout
 * on SIMULATOR_HOSTNAME (so its spot error table applies) and its requests are carried to
 * the simulator's loopback address by a fetch (loopbackFetch) that swaps the origin; a URL on any other
 * host is refused, so nothing reaches the real venue.
 */
export function connectCcxtBinance(sim: SimulatorEndpoint, options: CcxtConnectOptions = {}): binance {
  const exchange = new binance({
    apiKey: sim.apiKey,
    secret: sim.secret,
    enableRateLimit: options.enableRateLimit ?? false,
    timeout: options.timeoutMs ?? 10_000,
    options: simulatorCcxtOptions(),
  });
  exchange.hostname = SIMULATOR_HOSTNAME;
  const api = exchange.urls['api'] as Record<string, unknown>;
  for (const [name, address] of Object.entries(api)) {
    if (typeof address !== 'string') continue;
    const url = new URL(address);
    api[name] = `https://${url.hostname.replace(/binance\.com$/, SIMULATOR_HOSTNAME)}${url.pathname}`;
  }
  const send = loopbackFetch(sim.url);
  exchange.fetchImplementation = (address: string, init: LoopbackRequest) => {
    const url = new URL(address);
    if (!url.hostname.endsWith(`.${SIMULATOR_HOSTNAME}`)) return Promise.reject(new TypeError(`the simulator's ccxt client refuses ${url.origin}`));
    return send(url.pathname + url.search, init);
  };
  return exchange;
}
