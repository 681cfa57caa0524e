import { splitSymbol } from '../../../domain/market.js';
import type { CandleSeries } from '../loadCandleFile.js';
import type { BacktestResult, EquityCurve } from './BacktestResult.js';
import { buyAndHoldEquity } from './buyAndHold.js';
import { type CloseRange, symbolCloses, thinCloses } from './priceSeries.js';

export interface PriceFiguresInput {
  readonly series: readonly CandleSeries[];
  readonly equityCurve: EquityCurve;
  readonly startingEquity: string;
  readonly quoteCurrency: string;
  /** The span a run traded, when it is shorter than its candle data (the local runtime's window). */
  readonly range?: CloseRange;
}

/**
 * The report's price charts and buy-and-hold benchmark, from the candle data a run was fed.
 * Buy and hold holds only the symbols quoted in the equity's currency: it is valued in it.
 */
export function priceFigures(input: PriceFiguresInput): Pick<BacktestResult, 'prices' | 'buyAndHoldEquity'> {
  const closes = symbolCloses(input.series, input.range);
  const held = closes.filter((c) => splitSymbol(c.symbol).quote === input.quoteCurrency);
  const { times, length } = input.equityCurve;
  return {
    prices: closes.map((c) => thinCloses(c)),
    buyAndHoldEquity: buyAndHoldEquity(Number(input.startingEquity), held, times, length),
  };
}
