import type { Market } from '../../domain/market.js';
import type { SimSeries } from './CandleTape.js';
import type { FaultRule, RandomFaults } from './FaultInjector.js';
import type { FillModel } from './FillModel.js';
import type { RequestWeightLimit } from './RequestWeights.js';
import type { SymbolRulesInput } from './SymbolRules.js';
import type { OrderRateLimit } from './UnfilledOrderCount.js';
import type { PartialFillOptions } from './VenueState.js';

export interface ExchangeSimulatorOptions {
  /** Candle files named like ../shared/data/candles (LTC_BTC-5m.json). */
  readonly candleFiles?: readonly string[];
  /** Candle series given directly; used together with candleFiles. */
  readonly series?: readonly SimSeries[];
  /** The markets' filters; a symbol without one is inferred from its candles. */
  readonly markets?: readonly Market[];
  /** Free amounts per asset at the start, as decimal strings. */
  readonly balances: Readonly<Record<string, string>>;
  /** @default 64 random letters and digits */
  readonly apiKey?: string;
  /** @default 64 random letters and digits */
  readonly secret?: string;
  /** Market orders buy this percentage above the price and sell below it. @default '0' */
  readonly spreadPct?: string;
  /** Overrides every market's taker rate. @default the market's, '0.001' when inferred */
  readonly takerFeeRate?: string;
  /** Overrides every market's maker rate. @default the market's, '0.001' when inferred */
  readonly makerFeeRate?: string;
  /** @default the close time of the first candle */
  readonly startTime?: number;
  /** Resting orders fill in pieces. @default off: a reached order fills whole */
  readonly partialFills?: PartialFillOptions;
  /** By unified symbol (LTC/BTC): filters beyond the market's; see SymbolRules for the defaults. */
  readonly symbolRules?: Readonly<Record<string, SymbolRulesInput>>;
  /**
   * Which of the venue's fill behaviours the paper venue lacks are on: PAPER_FILLS or
   * STRICT_FILLS (lib/local/exchange-sim/FillModel.ts), or any mix.
   * @default PAPER_FILLS: a market order fills whole at the touch, a limit on a touch
   */
  readonly fills?: FillModel;
  /** The IP request-weight limit, 429s and 418 bans. @default the venue's 6000 a minute, on the replay clock */
  readonly requestWeight?: RequestWeightLimit;
  /** The ORDERS rate limits on the unfilled order count, on the replay clock. @default the venue's 100 per 10 s and 200000 a day */
  readonly orderRateLimits?: readonly OrderRateLimit[];
  /** @default 'open': a client order id may be reused once its order is closed, as on Binance */
  readonly clientOrderIdUniqueness?: 'open' | 'all';
  readonly faults?: { readonly rules?: readonly FaultRule[]; readonly random?: RandomFaults };
  /** @default a free port */
  readonly port?: number;
}
