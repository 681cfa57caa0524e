import { randomBytes } from 'node:crypto';
import { dec } from '../../domain/decimal.js';
import { accountRoutes } from './accountRoutes.js';
import { Balances } from './Balances.js';
import { CandleReplayClock } from './CandleReplayClock.js';
import { CandleTape } from './CandleTape.js';
import { venueSymbol } from './exchangeInfoBody.js';
import { ExchangeSimulator } from './ExchangeSimulator.js';
import type { ExchangeSimulatorOptions } from './ExchangeSimulatorOptions.js';
import { FaultInjector } from './FaultInjector.js';
import { loadSimMarkets } from './loadSimMarkets.js';
import { matchCandle } from './matchCandle.js';
import { mulberry32 } from '../../domain/mulberry32.js';
import { OrderBook } from './OrderBook.js';
import { publicRoutes } from './publicRoutes.js';
import { RequestWeights } from './RequestWeights.js';
import { Router } from './Router.js';
import { SimHttpServer } from './SimHttpServer.js';
import type { VenueState } from './VenueState.js';
import { PAPER_FILLS } from './FillModel.js';
import { symbolRules } from './SymbolRules.js';
import { UnfilledOrderCount, VENUE_ORDER_RATE_LIMITS } from './UnfilledOrderCount.js';

export { ExchangeSimulator } from './ExchangeSimulator.js';
export type { ExchangeSimulatorOptions } from './ExchangeSimulatorOptions.js';
export type { FaultCounts, FaultInjector, FaultKind, FaultRule, RandomFaults } from './FaultInjector.js';
export type { SimOrderView, SimTradeView } from './simViews.js';
export type { SimSeries } from './CandleTape.js';
export type { PartialFillOptions } from './VenueState.js';
export type { RequestWeightLimit } from './RequestWeights.js';
export type { OrderRateLimit } from './UnfilledOrderCount.js';
export type { SymbolRules, SymbolRulesInput } from './SymbolRules.js';
export { type FillModel, PAPER_FILLS, STRICT_FILLS } from './FillModel.js';
export { connectCcxtBinance, simulatorCcxtOptions } from './connectCcxtBinance.js';

function randomKey(): string {
  return randomBytes(48).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 64);
}

/**
 * Starts a Binance spot simulator on 127.0.0.1 that replays the given candles on a clock
 * the caller drives. Stop it with `stop()`.
 *
 * The rules it keeps, in short:
 * - The price at time t is the open of the candle in progress (the close of the last one
 *   in a gap): nothing after t is ever visible, in prices, tickers or klines.
 * - Market orders fill at once at price ± spread on the tick, as takers; limit orders rest
 *   and fill at their price on a later candle that reaches it, as makers; a stop-loss-limit
 *   or take-profit-limit works once a candle reaches its stop and then fills at its limit,
 *   as a taker. STRICT_FILLS (the `fills` option) adds a thin book that market orders walk
 *   and may exhaust (EXPIRED), limits that need a trade through, and gaps that skip stops.
 * - The venue's filters per symbol (SymbolRules), open-order counts, IOC/FOK, LIMIT_MAKER,
 *   self-trade prevention (EXPIRE_MAKER), request weights with 429 and 418 bans, the unfilled
 *   order count (ORDERS rate limits, 429 -1015), the parameters each endpoint reads, and the
 *   timing of signed requests on the wall clock.
 * - Fees are taken from the asset received; asset amounts are kept to 8 places.
 */
export async function startExchangeSimulator(options: ExchangeSimulatorOptions): Promise<ExchangeSimulator> {
  const { series, markets } = await loadSimMarkets(options);
  const tape = new CandleTape(series);
  const takerRates = markets.map((m) => dec(m.takerFeeRate));
  const makerRates = markets.map((m) => dec(m.makerFeeRate));
  const random = mulberry32(options.partialFills?.seed ?? 0);
  const clock = new CandleReplayClock(options.startTime ?? tape.firstClose(), (from, to) => {
    for (const crossed of tape.crossedBetween(from, to)) matchCandle(state, crossed, random);
  });
  const state: VenueState = {
    markets: new Map(markets.map((m) => [venueSymbol(m), m])),
    rules: new Map(markets.map((m) => [venueSymbol(m), symbolRules(m, tape.matchingSeries(m.symbol)?.candles ?? [], options.symbolRules?.[m.symbol])])),
    fills: options.fills ?? PAPER_FILLS,
    requestWeightLimit: options.requestWeight?.limit ?? 6000,
    tape,
    balances: new Balances(options.balances),
    book: new OrderBook(),
    spread: dec(options.spreadPct ?? '0').dividedBy(100),
    clientOrderIdUniqueness: options.clientOrderIdUniqueness ?? 'open',
    partialFills: options.partialFills,
    commissionRates: { maker: makerRates[0] ?? dec('0.001'), taker: takerRates[0] ?? dec('0.001') },
    orderCounts: new UnfilledOrderCount(options.orderRateLimits ?? VENUE_ORDER_RATE_LIMITS, () => clock.now()),
    now: () => clock.now(),
  };

  const faults = new FaultInjector();
  for (const rule of options.faults?.rules ?? []) faults.inject(rule);
  faults.random(options.faults?.random);
  const apiKey = options.apiKey ?? randomKey();
  const secret = options.secret ?? randomKey();
  const weights = new RequestWeights(options.requestWeight, options.requestWeight?.clock === 'wall' ? Date.now : () => clock.now());
  const router = new Router(publicRoutes(state), accountRoutes(state), { apiKey, secret });
  const server = await SimHttpServer.start(router, faults, weights, options.port);
  return new ExchangeSimulator(server.url, apiKey, secret, faults, state, clock, server, weights);
}
