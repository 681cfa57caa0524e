import type { Candle } from '../../../../lib/domain/candle.js';
import { dec } from '../../../../lib/domain/decimal.js';
import type { Market } from '../../../../lib/domain/market.js';
import { Balances } from '../../../../lib/local/exchange-sim/Balances.js';
import { CandleTape } from '../../../../lib/local/exchange-sim/CandleTape.js';
import { type FillModel, PAPER_FILLS } from '../../../../lib/local/exchange-sim/FillModel.js';
import { matchCandle } from '../../../../lib/local/exchange-sim/matchCandle.js';
import { OrderBook } from '../../../../lib/local/exchange-sim/OrderBook.js';
import { symbolRules } from '../../../../lib/local/exchange-sim/SymbolRules.js';
import { UnfilledOrderCount, VENUE_ORDER_RATE_LIMITS } from '../../../../lib/local/exchange-sim/UnfilledOrderCount.js';
import type { PartialFillOptions, VenueState } from '../../../../lib/local/exchange-sim/VenueState.js';

export const MINUTE = 60_000;

export const ADA_BTC: Market = {
  symbol: 'ADA/BTC',
  base: 'ADA',
  quote: 'BTC',
  amountStep: '1',
  priceStep: '0.00000001',
  minAmount: '1',
  minCost: '0.0001',
  takerFeeRate: '0.001',
  makerFeeRate: '0.00075',
};

export interface AdaBtcVenueOptions {
  readonly partialFills?: PartialFillOptions;
  readonly spread?: string;
  readonly fills?: FillModel;
}

/** The simulator's matching core over ADA/BTC 1m candles, at minute 1, holding 1 BTC and 5000 ADA; `advanceTo` matches every candle crossed. */
export function adaBtcVenue(candles: readonly Candle[], options: AdaBtcVenueOptions = {}): { state: VenueState; advanceTo: (t: number) => void } {
  let now = MINUTE;
  const tape = new CandleTape([{ symbol: 'ADA/BTC', timeframe: '1m', candles: [...candles] }]);
  const state: VenueState = {
    markets: new Map([['ADABTC', ADA_BTC]]),
    rules: new Map([['ADABTC', symbolRules(ADA_BTC, [...candles])]]),
    fills: options.fills ?? PAPER_FILLS,
    requestWeightLimit: 6000,
    tape,
    balances: new Balances({ BTC: '1', ADA: '5000' }),
    book: new OrderBook(),
    spread: dec(options.spread ?? '0'),
    clientOrderIdUniqueness: 'open',
    partialFills: options.partialFills,
    commissionRates: { maker: dec('0.00075'), taker: dec('0.001') },
    orderCounts: new UnfilledOrderCount(VENUE_ORDER_RATE_LIMITS, () => now),
    now: () => now,
  };
  return {
    state,
    advanceTo: (t) => {
      for (const crossed of tape.crossedBetween(now, t)) matchCandle(state, crossed, () => 0.5);
      now = t;
    },
  };
}
