import { CcxtExchange } from '../../adapters/ccxt/CcxtExchange.js';
import type { ExchangeCredentials } from '../../adapters/ccxt/createCcxtClient.js';
import type { Clock } from '../../ports/Clock.js';
import type { Logger } from '../../ports/Logger.js';
import { systemClock } from '../../runtime/systemClock.js';
import { type ExchangeSimulator, connectCcxtBinance } from '../exchange-sim/index.js';

/**
 * Where the local bot's market is: the exchange simulator replaying candles on a clock the
 * runtime drives, or (`--public-data`) a real venue's public data on the wall clock.
 */
export interface LocalMarket {
  readonly clock: Clock;
  /** The simulated clock moves only when told; the real one moves by itself. */
  readonly simulated: boolean;
  /**
   * The API key the venue issued to the bot (the simulator's): the local bot puts it in its
   * parameter store, as the owner puts it in SSM, and reads it back as a function in Lambda does.
   */
  readonly credentials?: ExchangeCredentials;
  /** A new ccxt client, keyed when `withKeys` (the simulator only: the real venue gets no keys locally), with `credentials` when read. */
  ccxt(withKeys: boolean, credentials?: ExchangeCredentials): Promise<CcxtExchange>;
  advanceTo(time: number): void;
  stop(): Promise<void>;
}

/** The simulator through the real ccxt `binance` client, keys and all. */
export function simulatedMarket(sim: ExchangeSimulator, logger: Logger): LocalMarket {
  const clock: Clock = { now: () => sim.now() };
  return {
    clock,
    simulated: true,
    credentials: { apiKey: sim.apiKey, secret: sim.secret },
    ccxt: (_withKeys, credentials) => {
      // Keys read from the parameter store are the ones sent: wrong ones fail the simulator's signature check.
      const keys = credentials ?? { apiKey: sim.apiKey, secret: sim.secret };
      const client = connectCcxtBinance({ url: sim.url, ...keys });
      return Promise.resolve(new CcxtExchange({ exchangeId: 'binance' }, { client, clock, logger, secrets: [keys.apiKey, keys.secret] }));
    },
    advanceTo: (time) => sim.advanceTo(time),
    stop: () => sim.stop(),
  };
}

/** A real venue's public market data through ccxt, without keys: the bot trades on paper against it. */
export function publicMarket(exchangeId: string, logger: Logger): LocalMarket {
  return {
    clock: systemClock,
    simulated: false,
    ccxt: (withKeys) => {
      if (withKeys) return Promise.reject(new Error(`--public-data trades on paper: no keys are used for ${exchangeId}`));
      return CcxtExchange.fromConfig({ exchangeId }, undefined, { clock: systemClock, logger });
    },
    advanceTo: () => undefined,
    stop: () => Promise.resolve(),
  };
}
