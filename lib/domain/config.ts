import * as z from 'zod';
import { TimeframeSchema } from './candle.js';
import { MarketSchema } from './market.js';

const fraction = z.number().finite().min(0).max(1);

/**
 * Candles kept for the strategy, the same default for the deployed bot, `npm start` and the
 * backtest (so they decide on the same windows): several times the built-in strategies'
 * warm-up, and what a deployed bot's first capture loads as history.
 */
export const DEFAULT_WINDOW_SIZE = 100;
export const WindowSizeSchema = z.number().int().min(2).max(10_000).default(DEFAULT_WINDOW_SIZE);
const decimalString = z.string().regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal string');

/** Position sizers by name; each gives an amount that the exposure caps, the balance and the order limits then bound. */
export const SizerConfigSchema = z.discriminatedUnion('name', [
  /** Loses `riskPerTradePct` of equity when the stop is hit. */
  z.strictObject({ name: z.literal('fixed-fraction') }),
  /** Spends the same quote amount on every entry. */
  z.strictObject({ name: z.literal('fixed-quote'), quoteAmount: decimalString }),
  /** A move of one ATR (simple average of `atrPeriod` true ranges) changes equity by `equityFractionPerAtr`. */
  z.strictObject({
    name: z.literal('volatility-target'),
    atrPeriod: z.number().int().min(1).max(1000).default(14),
    equityFractionPerAtr: fraction.default(0.01),
  }),
  /**
   * Risks `kellyFraction` of the Kelly fraction p − (1 − p) / b of equity, b the reward to
   * risk and p the proposal's pWin, at most `maxRiskFraction`; nothing without a pWin or an edge.
   */
  z.strictObject({
    name: z.literal('kelly'),
    kellyFraction: fraction.default(0.25),
    maxRiskFraction: fraction.default(0.02),
  }),
]);
export type SizerConfig = z.infer<typeof SizerConfigSchema>;

export const RiskConfigSchema = z.strictObject({
  /** Fraction of equity lost if the stop is hit: sizes every entry. */
  riskPerTradePct: fraction.default(0.01),
  maxOpenPlans: z.number().int().min(1).default(3),
  /** Caps on the value held, as fractions of equity. */
  maxSymbolExposurePct: fraction.default(0.3),
  maxTotalExposurePct: fraction.default(0.9),
  /** An order must be worth this fraction more than the market minimum, so fees and rounding never push it under. */
  minOrderValueBufferPct: fraction.default(0.1),
  /** In the quote currency; optional caps of our own on top of the market's. */
  minOrderValue: decimalString.optional(),
  maxOrderValue: decimalString.optional(),
  minRewardToRisk: z.number().finite().min(0).default(1.5),
  /** Fraction of the day's starting equity; once lost, no new entries until the next UTC day. */
  dailyLossLimitPct: fraction.default(0.03),
  cooldownAfterStopMs: z.number().int().min(0).default(60 * 60_000),
  /**
   * A proposal that carries pWin must expect at least this, as a fraction of its entry value:
   * pWin × reward − (1 − pWin) × risk − taker fees on entry and exit, over the entry price.
   * Unset: no check. Proposals without pWin are not checked.
   */
  minExpectedValue: z.number().finite().min(-1).max(1).optional(),
  /** How an entry's amount is chosen before the caps and minimums bound it (lib/services/risk/createSizer.ts); `fixed-fraction` when left out. */
  sizer: SizerConfigSchema.optional(),
});
export type RiskConfig = z.infer<typeof RiskConfigSchema>;

export const ExecutionConfigSchema = z.strictObject({
  /** Refuse a market entry when the last price is this fraction away from the plan's entry. */
  maxEntrySlippagePct: fraction.default(0.005),
  /** Paper and backtest fills: a market order fills this fraction worse than the reference price. */
  paperSlippagePct: fraction.default(0.0005),
  /**
   * Who holds a filled position's stop. `exchange`: a stop-loss-limit rests on the venue from
   * the decision that settles the entry (the paper venue and the backtest model it the same
   * way), moved by cancel and replace as the trail moves; `bot`: the bot checks the stop at
   * each candle close and exits at market. A stop the venue refuses, or one beyond its limit of
   * resting stops, is bot-managed for that plan, with the UnprotectedPosition alarm: a refused
   * stop is not sent again at its level, one beyond the limit is placed once a slot is free.
   */
  stops: z.enum(['exchange', 'bot']).default('exchange'),
  /**
   * How long the unfilled rest of a partly filled entry may keep working. Once a settlement
   * finds the entry partly filled and at least this old, the rest is cancelled and the plan
   * opens on the filled part, which gets its stop at once. 0 (the default): at the first
   * decision that sees the partial fill. Until then the plan stays entering.
   */
  partialEntryRestMs: z.number().int().min(0).default(0),
  /** Resting stop orders the venue takes per symbol (Binance's MAX_NUM_ALGO_ORDERS: 5); beyond it a plan's stop is bot-managed. */
  maxRestingStopsPerSymbol: z.number().int().min(1).default(5),
});
export type ExecutionConfig = z.infer<typeof ExecutionConfigSchema>;

export const StrategyConfigSchema = z.strictObject({
  /** A built-in name, or a path to a module whose default export creates a Strategy. */
  name: z.string().min(1),
  params: z.record(z.string(), z.unknown()).default({}),
  /** The `model` strategy's ONNX file (its model-card.json beside it); default models/default/model.onnx. */
  checkpoint: z.string().min(1).optional(),
});
export type StrategyConfig = z.infer<typeof StrategyConfigSchema>;

export const SymbolConfigSchema = z.strictObject({
  symbol: z.string().regex(/^[A-Z0-9]+\/[A-Z0-9]+$/, 'must look like BASE/QUOTE'),
  timeframe: TimeframeSchema,
});

export const TradingConfigSchema = z.strictObject({
  botId: z.string().regex(/^[a-z0-9]{1,10}$/, 'must be 1-10 lowercase letters or digits'),
  strategy: StrategyConfigSchema.default({ name: 'ema-crossover', params: {} }),
  risk: RiskConfigSchema.default(RiskConfigSchema.parse({})),
  execution: ExecutionConfigSchema.default(ExecutionConfigSchema.parse({})),
  /** Precision and limits per symbol, where the exchange does not supply them (backtests). */
  markets: z.array(MarketSchema).default([]),
});
export type TradingConfig = z.infer<typeof TradingConfigSchema>;

/** A shadow strategy: decides beside the live one on the same candles, against a virtual book, and never sends an order. */
export const ShadowConfigSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,20}$/, 'must be 1-20 lowercase letters, digits or dashes'),
  /** A built-in name, or a path to a strategy module, as `strategy.name`. */
  strategy: z.string().min(1),
  params: z.record(z.string(), z.unknown()).default({}),
  /** A model checkpoint, handed to the strategy as its `checkpoint` param. */
  checkpoint: z.string().min(1).optional(),
});
export type ShadowConfig = z.infer<typeof ShadowConfigSchema>;

export const ShadowListSchema = z
  .array(ShadowConfigSchema)
  .max(10)
  .superRefine((shadows, ctx) => {
    const seen = new Set<string>();
    shadows.forEach(({ id }, index) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate shadow id ${id}` });
      seen.add(id);
    });
  })
  .default([]);

export const BacktestConfigSchema = TradingConfigSchema.extend({
  botId: TradingConfigSchema.shape.botId.default('backtest'),
  /** Starting balances by asset, as decimal strings. */
  startingBalances: z.record(z.string(), decimalString).optional(),
  /** Quote-currency starting balance when `startingBalances` is not given. */
  startingQuote: decimalString.default('1'),
  feeRate: decimalString.default('0.001'),
  /** Candles kept for the strategy; the strategy's own warm-up sets the minimum. A run decides once every series has this many behind it. */
  windowSize: WindowSizeSchema,
  /** Shadow strategies run beside the main one, each on a virtual book of its own. */
  shadow: ShadowListSchema,
});
export type BacktestConfig = z.infer<typeof BacktestConfigSchema>;
