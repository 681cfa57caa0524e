import { CcxtExchange } from '../../../lib/adapters/ccxt/CcxtExchange.js';
import { type ExchangeSimulator, type FaultRule, connectCcxtBinance, startExchangeSimulator } from '../../../lib/local/exchange-sim/index.js';
import { silentLogger } from '../../../lib/ports/Logger.js';
import { LTC_CANDLES, LTC_MARKET } from '../../integration/local/exchange-sim/simFixture.js';

/** Our order resting on the venue (a limit buy under the market) and our order already filled (a market buy). */
export const RESTING = 'bad-input-resting';
export const FILLED = 'bad-input-filled';

/** An LTC/BTC simulator 20 candles in, holding RESTING and FILLED, placed by a client of their own. */
export async function startStagedSim(): Promise<ExchangeSimulator> {
  const sim = await startExchangeSimulator({ series: [{ symbol: 'LTC/BTC', timeframe: '5m', candles: LTC_CANDLES }], markets: [LTC_MARKET], balances: { BTC: '1', LTC: '10' } });
  sim.advanceTo(LTC_CANDLES[20]!.openTime);
  const staging = connectCcxtBinance(sim);
  await staging.createOrder('LTC/BTC', 'limit', 'buy', 1, 0.015, { clientOrderId: RESTING });
  await staging.createOrder('LTC/BTC', 'market', 'buy', 1, undefined, { clientOrderId: FILLED });
  return sim;
}

/** A fresh gateway (nothing cached, markets not loaded) over the real ccxt binance on `sim`; retries without waiting. */
export function gatewayOn(sim: ExchangeSimulator): CcxtExchange {
  return new CcxtExchange(
    { exchangeId: 'binance', retry: { maxAttempts: 2, baseDelayMs: 1 } },
    {
      client: connectCcxtBinance(sim, { timeoutMs: 5_000 }),
      clock: { now: () => sim.now() },
      logger: silentLogger,
      timing: { sleep: () => Promise.resolve(), random: () => 0.5 },
      secrets: [sim.apiKey, sim.secret],
    },
  );
}

/** Injects `fault` on `endpoint` for every request until cleared. */
export function answerAlways(sim: ExchangeSimulator, endpoint: string, fault: Omit<FaultRule, 'endpoint' | 'times'>): void {
  sim.faults.inject({ ...fault, endpoint, times: Infinity });
}

/** How many answers to `endpoint` the fault has replaced: a case whose fault never fired proves nothing. */
export function faultsServed(sim: ExchangeSimulator, endpoint: string, kind: FaultRule['kind']): number {
  return sim.faults.counts().byEndpoint[`${endpoint} ${kind}`] ?? 0;
}

/** The error a call rejected with, or a failure of the test when it resolved. */
export async function rejectionOf(call: Promise<unknown>): Promise<Error> {
  const settled = await call.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (settled.ok) throw new Error(`expected a refusal, got ${JSON.stringify(settled.value)}`);
  if (!(settled.error instanceof Error)) throw new Error(`expected an Error, got ${String(settled.error)}`);
  return settled.error;
}
