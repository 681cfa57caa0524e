import { Decimal, ZERO, approximateNumber, sum } from '../../domain/decimal.js';
import { marketFigures } from '../../domain/marketFigures.js';
import { floorToStep } from '../../domain/precision.js';
import { createSizer } from './createSizer.js';
import { riskFigures } from './riskFigures.js';
import type { RiskContext } from './RiskContext.js';

/** What limited the amount: the sizer's budget (`risk`), or a cap that cut it lower. */
export type SizingBound = 'risk' | 'symbol_exposure' | 'total_exposure' | 'balance' | 'max_amount';

export type SizingContext = Pick<RiskContext, 'config' | 'market' | 'equity' | 'quoteFree' | 'exposureBySymbol' | 'window'>;

/** What a proposal adds beyond its entry and stop, for sizers that read it (Kelly). */
export interface SizingProspect {
  readonly target?: Decimal;
  readonly pWin?: number;
}

export interface PositionSize {
  /** Base amount, a multiple of the market's amount step; zero when nothing fits. */
  readonly amount: Decimal;
  readonly binding: SizingBound;
  /** Quote value the symbol and all symbols hold now, and their caps. */
  readonly symbolExposure: Decimal;
  readonly symbolCap: Decimal;
  readonly totalExposure: Decimal;
  readonly totalCap: Decimal;
}

interface Bound {
  readonly bound: SizingBound;
  readonly numerator: Decimal;
  readonly denominator: Decimal;
}

const ONE = new Decimal(1);

/** Wide enough that the product of two 40-digit decimals is exact. */
const Exact = Decimal.clone({ precision: 100 });

/**
 * Whether a's quotient is below b's, for positive denominators, exactly. The quotients the
 * bounds were once compared as are rounded to 40 digits; rounding keeps their order, so
 * this differs only where two of them agree in all 40 digits and are not equal: the
 * smaller is then named, where the earlier was. The amount is the same either way.
 *
 * The doubles decide first: each is within a few parts in 10^16 of its exact quotient, so
 * two that differ by more than a part in 10^9 are in the exact quotients' order. Only
 * quotients that close are cross-multiplied (at 100 digits, the costly part).
 */
function quotientBelow(a: ComparedBound, b: ComparedBound): boolean {
  if (a.approximate < b.approximate * (1 - CLOSE)) return true;
  if (a.approximate > b.approximate * (1 + CLOSE)) return false;
  const left = exactOf(a);
  const right = exactOf(b);
  return left.numerator.times(right.denominator).lt(right.numerator.times(left.denominator));
}

/** Relative gap between two doubles beyond which their order is the exact quotients' order. */
const CLOSE = 1e-9;

/** A bound with its quotient as a double, for `quotientBelow`; denominators positive and finite. */
interface ComparedBound extends Bound {
  readonly approximate: number;
  exact: { readonly numerator: Decimal; readonly denominator: Decimal } | undefined;
}

function compared({ bound, numerator, denominator }: Bound): ComparedBound {
  return { bound, numerator, denominator, approximate: approximateNumber(numerator) / approximateNumber(denominator), exact: undefined };
}

/** A bound's figures at the exact comparison's precision, converted once for all its comparisons. */
function exactOf(bound: ComparedBound): { readonly numerator: Decimal; readonly denominator: Decimal } {
  return (bound.exact ??= { numerator: new Exact(bound.numerator), denominator: new Exact(bound.denominator) });
}

function quotientOf({ bound, numerator, denominator }: Bound): Decimal {
  return bound === 'max_amount' ? numerator : numerator.dividedBy(denominator);
}

/** Bad numbers (NaN, negative) size nothing rather than something. */
function nonNegative(value: Decimal): Decimal {
  return value.isFinite() && value.gt(0) ? value : ZERO;
}

/**
 * Sizes a long by the config's sizer (by default: hitting the stop loses riskPerTradePct
 * of equity; see createSizer.ts), cut by the room
 * under the symbol and total exposure caps, by what the free quote pays with the taker
 * fee, and by the market's maxAmount; then floored to the amount step. On a tie the
 * earlier bound in that order is named.
 */
export function sizePosition(entry: Decimal, stop: Decimal, context: SizingContext, prospect?: SizingProspect): PositionSize {
  const { config, market, equity } = context;
  const symbolExposure = context.exposureBySymbol.get(market.symbol) ?? ZERO;
  const totalExposure = sum(context.exposureBySymbol.values());
  const figures = riskFigures(config);
  const { takerGross, maxAmount, amountStep } = marketFigures(market);
  const symbolCap = equity.times(figures.maxSymbolExposurePct);
  const totalCap = equity.times(figures.maxTotalExposurePct);
  const grossEntry = entry.times(takerGross);

  const budget = createSizer(config).budget({ entry, stop, equity, target: prospect?.target, pWin: prospect?.pWin, window: context.window });
  const riskBudget = nonNegative(budget.numerator);
  const symbolRoom = nonNegative(symbolCap.minus(symbolExposure));
  const totalRoom = nonNegative(totalCap.minus(totalExposure));
  const quoteFree = nonNegative(context.quoteFree);

  // Each bound is a quotient, compared by cross-multiplying (exactly: see `quotientBelow`),
  // and only the binding one is divided, once. A 40-digit division costs many
  // multiplications; most proposals that reach sizing are refused for their balance.
  const bounds: Bound[] = [
    { bound: 'risk', numerator: riskBudget, denominator: budget.denominator },
    { bound: 'symbol_exposure', numerator: symbolRoom, denominator: entry },
    { bound: 'total_exposure', numerator: totalRoom, denominator: entry },
    { bound: 'balance', numerator: quoteFree, denominator: grossEntry },
  ];
  if (maxAmount !== undefined) bounds.push({ bound: 'max_amount', numerator: maxAmount, denominator: ONE });

  let tightest = bounds[0] as Bound;
  if (bounds.every(({ denominator }) => denominator.isFinite() && denominator.gt(0))) {
    // The first bound is not compared with itself (no quotient is below its own).
    let tightestCompared = compared(tightest);
    for (let i = 1; i < bounds.length; i++) {
      const candidate = compared(bounds[i] as Bound);
      if (quotientBelow(candidate, tightestCompared)) {
        tightest = candidate;
        tightestCompared = candidate;
      }
    }
  } else {
    // Levels that are not a long's (risk refuses them before sizing): each quotient as it comes.
    let tightestLimit = quotientOf(tightest);
    for (const candidate of bounds.slice(1)) {
      const limit = quotientOf(candidate);
      if (limit.lt(tightestLimit)) [tightest, tightestLimit] = [candidate, limit];
    }
  }
  const binding = tightest.bound;
  const raw = quotientOf(tightest);
  let amount = floorToStep(nonNegative(raw), amountStep);

  // A quotient rounded up in its 40th digit could floor onto the step just past a budget
  // (a zero amount, most refusals, is past none).
  const exceeds =
    !amount.isZero() &&
    (amount.times(budget.denominator).gt(riskBudget) ||
    amount.times(entry).gt(Decimal.min(symbolRoom, totalRoom)) ||
    amount.times(grossEntry).gt(quoteFree));
  if (exceeds) amount = nonNegative(amount.minus(amountStep));

  return { amount, binding, symbolExposure, symbolCap, totalExposure, totalCap };
}
