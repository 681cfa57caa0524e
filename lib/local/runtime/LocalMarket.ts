import { CcxtExchange } from '../../adapters/ccxt/CcxtExchange.js';
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
  /** A new ccxt client, keyed when `withKeys` (the simulator only: the real venue gets no keys locally). */
  ccxt(withKeys: boolean): Promise<CcxtExchange>;
  advanceTo(time: number): void;
  stop(): Promise<void>;
}

/** The simulator through the real ccxt `binance` client, keys and all. */
export function simulatedMarket(sim: ExchangeSimulator, logger: Logger): LocalMarket {
  const clock: Clock = { now: () => sim.now() };
  return {
    clock,
    simulated: true,
    ccxt: () => Promise.resolve(new CcxtExchange({ exchangeId: 'binance' }, { client: connectCcxtBinance(sim), clock, logger, secrets: [sim.apiKey, sim.secret] })),
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
