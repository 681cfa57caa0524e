import { Decimal, ZERO, sum } from '../../domain/decimal.js';
import { marketFigures } from '../../domain/marketFigures.js';
import { floorToStep } from '../../domain/precision.js';
import { riskFigures } from './riskFigures.js';
import type { RiskContext } from './RiskContext.js';

/** What limited the amount: the risk budget itself, or a cap that cut it lower. */
export type SizingBound = 'risk' | 'symbol_exposure' | 'total_exposure' | 'balance' | 'max_amount';

export type SizingContext = Pick<RiskContext, 'config' | 'market' | 'equity' | 'quoteFree' | 'exposureBySymbol'>;

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

/** Bad numbers (NaN, negative) size nothing rather than something. */
function nonNegative(value: Decimal): Decimal {
  return value.isFinite() && value.gt(0) ? value : ZERO;
}

/**
 * Sizes a long so that hitting the stop loses riskPerTradePct of equity, cut by the room
 * under the symbol and total exposure caps, by what the free quote pays with the taker
 * fee, and by the market's maxAmount; then floored to the amount step. On a tie the
 * earlier bound in that order is named.
 */
export function sizePosition(entry: Decimal, stop: Decimal, context: SizingContext): PositionSize {
  const { config, market, equity } = context;
  const symbolExposure = context.exposureBySymbol.get(market.symbol) ?? ZERO;
  const totalExposure = sum(context.exposureBySymbol.values());
  const figures = riskFigures(config);
  const { takerGross, maxAmount, amountStep } = marketFigures(market);
  const symbolCap = equity.times(figures.maxSymbolExposurePct);
  const totalCap = equity.times(figures.maxTotalExposurePct);
  const grossEntry = entry.times(takerGross);

  const riskBudget = nonNegative(equity.times(figures.riskPerTradePct));
  const symbolRoom = nonNegative(symbolCap.minus(symbolExposure));
  const totalRoom = nonNegative(totalCap.minus(totalExposure));
  const quoteFree = nonNegative(context.quoteFree);

  const bounds: [SizingBound, Decimal][] = [
    ['risk', riskBudget.dividedBy(entry.minus(stop))],
    ['symbol_exposure', symbolRoom.dividedBy(entry)],
    ['total_exposure', totalRoom.dividedBy(entry)],
    ['balance', quoteFree.dividedBy(grossEntry)],
  ];
  if (maxAmount !== undefined) bounds.push(['max_amount', maxAmount]);

  let [binding, raw] = bounds[0] as [SizingBound, Decimal];
  for (const [bound, limit] of bounds.slice(1)) {
    if (limit.lt(raw)) [binding, raw] = [bound, limit];
  }
  let amount = floorToStep(nonNegative(raw), amountStep);

  // A quotient rounded up in its 40th digit could floor onto the step just past a budget.
  const exceeds =
    amount.times(entry.minus(stop)).gt(riskBudget) ||
    amount.times(entry).gt(Decimal.min(symbolRoom, totalRoom)) ||
    amount.times(grossEntry).gt(quoteFree);
  if (exceeds) amount = nonNegative(amount.minus(amountStep));

  return { amount, binding, symbolExposure, symbolCap, totalExposure, totalCap };
}
