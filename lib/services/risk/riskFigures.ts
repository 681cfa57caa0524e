import type { RiskConfig } from '../../domain/config.js';
import { type Decimal, Decimal as DecimalValue, dec } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import { marketFigures } from '../../domain/marketFigures.js';

/** A risk config's fractions and limits as decimals, made once per config object. */
export interface RiskFigures {
  readonly riskPerTradePct: Decimal;
  readonly maxSymbolExposurePct: Decimal;
  readonly maxTotalExposurePct: Decimal;
  readonly minRewardToRisk: Decimal;
  readonly dailyLossLimitPct: Decimal;
  readonly minOrderValueFactor: Decimal;
  readonly minOrderValue: Decimal;
  readonly maxOrderValue: Decimal | undefined;
}

// A config is parsed once and read only; a reload makes a new object, and so a new entry.
const figuresOf = new WeakMap<RiskConfig, RiskFigures>();

export function riskFigures(config: RiskConfig): RiskFigures {
  let figures = figuresOf.get(config);
  if (figures === undefined) {
    figures = {
      riskPerTradePct: dec(config.riskPerTradePct),
      maxSymbolExposurePct: dec(config.maxSymbolExposurePct),
      maxTotalExposurePct: dec(config.maxTotalExposurePct),
      minRewardToRisk: dec(config.minRewardToRisk),
      dailyLossLimitPct: dec(config.dailyLossLimitPct),
      minOrderValueFactor: dec(1).plus(config.minOrderValueBufferPct),
      minOrderValue: dec(config.minOrderValue ?? 0),
      maxOrderValue: config.maxOrderValue === undefined ? undefined : dec(config.maxOrderValue),
    };
    figuresOf.set(config, figures);
  }
  return figures;
}

interface OrderValueLimits {
  readonly minimumOrderValue: Decimal;
  readonly maximumOrderValue: Decimal | undefined;
}

const limitsOf = new WeakMap<Market, WeakMap<RiskConfig, OrderValueLimits>>();

/** The order limits of a market under a config (see orderValueLimits.ts), made once per pair. */
export function orderValueLimitsOf(market: Market, config: RiskConfig): OrderValueLimits {
  let byConfig = limitsOf.get(market);
  if (byConfig === undefined) limitsOf.set(market, (byConfig = new WeakMap<RiskConfig, OrderValueLimits>()));
  let limits = byConfig.get(config);
  if (limits === undefined) {
    const m = marketFigures(market);
    const r = riskFigures(config);
    const caps = [m.maxCost, r.maxOrderValue].filter((v): v is Decimal => v !== undefined);
    limits = {
      minimumOrderValue: DecimalValue.max(m.minCost.times(r.minOrderValueFactor), r.minOrderValue),
      maximumOrderValue: caps.length === 0 ? undefined : DecimalValue.min(...caps),
    };
    byConfig.set(config, limits);
  }
  return limits;
}
