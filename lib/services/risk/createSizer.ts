import { SMA, ATR } from 'trading-signals';
import type { CandleWindow } from '../../domain/candleWindow.js';
import type { RiskConfig, SizerConfig } from '../../domain/config.js';
import { Decimal, ZERO, dec } from '../../domain/decimal.js';

/** What a sizer may look at: the rounded levels, the proposal's pWin, equity and the candles decided on. */
export interface SizingRequest {
  readonly entry: Decimal;
  readonly stop: Decimal;
  readonly target?: Decimal;
  readonly pWin?: number;
  readonly equity: Decimal;
  readonly window?: CandleWindow;
}

/**
 * The sizer's amount as a quotient, numerator / denominator in base units, left undivided:
 * sizePosition compares it with the caps' quotients by cross-multiplying and divides only
 * the binding one. `amount × denominator ≤ numerator` is the sizer's own budget.
 */
export interface SizerBudget {
  readonly numerator: Decimal;
  readonly denominator: Decimal;
}

export interface Sizer {
  readonly name: SizerConfig['name'];
  budget(request: SizingRequest): SizerBudget;
}

const NOTHING: SizerBudget = Object.freeze({ numerator: ZERO, denominator: new Decimal(1) });

function fixedFraction(riskPerTrade: Decimal): Sizer {
  return {
    name: 'fixed-fraction',
    budget: ({ entry, stop, equity }) => ({ numerator: equity.times(riskPerTrade), denominator: entry.minus(stop) }),
  };
}

function fixedQuote(quoteAmount: Decimal): Sizer {
  return { name: 'fixed-quote', budget: ({ entry }) => ({ numerator: quoteAmount, denominator: entry }) };
}

/** A simple average of the last `period` true ranges; undefined until the window holds period + 1 candles. */
export function averageTrueRange(window: CandleWindow, period: number): number | undefined {
  if (window.length < period + 1) return undefined;
  const atr = new ATR(period, SMA);
  let value: number | null = null;
  for (let index = window.length - period - 1; index < window.length; index++) value = atr.add(window.at(index));
  return value ?? undefined;
}

function volatilityTarget(period: number, equityFractionPerAtr: Decimal): Sizer {
  return {
    name: 'volatility-target',
    budget: ({ equity, window }) => {
      const atr = window === undefined ? undefined : averageTrueRange(window, period);
      if (atr === undefined || !Number.isFinite(atr) || atr <= 0) return NOTHING;
      return { numerator: equity.times(equityFractionPerAtr), denominator: dec(atr) };
    },
  };
}

/**
 * The Kelly fraction of a bet that loses its stake with probability 1 − p and wins b times
 * it otherwise is p − (1 − p) / b; here the stake is the loss at the stop and b the reward
 * to risk, so the fraction is of equity put at risk.
 */
export function kellyRiskFraction(pWin: number, entry: Decimal, stop: Decimal, target: Decimal): Decimal {
  const p = dec(pWin);
  return p.minus(new Decimal(1).minus(p).times(entry.minus(stop)).dividedBy(target.minus(entry)));
}

function cappedKelly(kellyFraction: Decimal, maxRiskFraction: Decimal): Sizer {
  return {
    name: 'kelly',
    budget: ({ entry, stop, target, pWin, equity }) => {
      if (pWin === undefined || !(pWin >= 0 && pWin <= 1) || target === undefined || !target.gt(entry)) return NOTHING;
      const kelly = kellyRiskFraction(pWin, entry, stop, target);
      if (!kelly.gt(0)) return NOTHING;
      const fraction = Decimal.min(kelly.times(kellyFraction), maxRiskFraction);
      return { numerator: equity.times(fraction), denominator: entry.minus(stop) };
    },
  };
}

// A config is parsed once and read only; a reload makes a new object, and so a new sizer.
const sizerOf = new WeakMap<RiskConfig, Sizer>();

/** The sizer a risk config names, made once per config object. */
export function createSizer(config: RiskConfig): Sizer {
  let sizer = sizerOf.get(config);
  if (sizer === undefined) {
    sizer = build(config);
    sizerOf.set(config, sizer);
  }
  return sizer;
}

function build(config: RiskConfig): Sizer {
  // A config built in code without the key (tests, older stored configs) sizes as before.
  const spec: SizerConfig = config.sizer ?? { name: 'fixed-fraction' };
  switch (spec.name) {
    case 'fixed-fraction':
      return fixedFraction(dec(config.riskPerTradePct));
    case 'fixed-quote':
      return fixedQuote(dec(spec.quoteAmount));
    case 'volatility-target':
      return volatilityTarget(spec.atrPeriod, dec(spec.equityFractionPerAtr));
    case 'kelly':
      return cappedKelly(dec(spec.kellyFraction), dec(spec.maxRiskFraction));
  }
}
