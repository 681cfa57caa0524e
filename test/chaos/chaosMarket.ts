import { CcxtExchange } from '../../lib/adapters/ccxt/CcxtExchange.js';
import { type ExchangeSimulator, connectCcxtBinance } from '../../lib/local/exchange-sim/index.js';
import type { LocalMarket } from '../../lib/local/runtime/LocalMarket.js';
import type { Clock } from '../../lib/ports/Clock.js';
import { silentLogger } from '../../lib/ports/Logger.js';
import type { FunctionDeaths } from './FunctionDeaths.js';

/** Short enough that a run with hangs stays quick, long enough for the simulator on a busy machine. */
export const CHAOS_REQUEST_TIMEOUT_MS = 1_000;

/**
 * The simulator through the real ccxt client, as LocalMarket's simulatedMarket, with a short
 * request timeout and quicker retries, and the death point after an order is sent (by decide,
 * FLATTEN or a repair): the venue has the order, the dead environment never reads the answer.
 */
export function chaosMarket(sim: ExchangeSimulator, deaths: FunctionDeaths): LocalMarket {
  const clock: Clock = { now: () => sim.now() };
  return {
    clock,
    simulated: true,
    ccxt: () => {
      const client = connectCcxtBinance(sim, { timeoutMs: CHAOS_REQUEST_TIMEOUT_MS });
      const fetch = client.fetch.bind(client);
      client.fetch = async (url: string, method?: string, headers?: unknown, body?: unknown) => {
        if (deaths.invoking) deaths.assertAlive();
        const answer: unknown = await fetch(url, method, headers, body);
        if (deaths.invoking && method === 'POST' && new URL(url).pathname === '/api/v3/order') deaths.reach('afterOrderSent');
        return answer;
      };
      const config = { exchangeId: 'binance', requestTimeoutMs: CHAOS_REQUEST_TIMEOUT_MS, retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2_000 } };
      return Promise.resolve(new CcxtExchange(config, { client, clock, logger: silentLogger, secrets: [sim.apiKey, sim.secret] }));
    },
    advanceTo: (time) => sim.advanceTo(time),
    stop: () => sim.stop(),
  };
}
