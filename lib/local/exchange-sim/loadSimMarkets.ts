import { inferMarket } from '../../runtime/backtest/inferMarket.js';
import { loadCandleFile } from '../../runtime/backtest/loadCandleFile.js';
import { type Market, MarketSchema } from '../../domain/market.js';
import type { SimSeries } from './CandleTape.js';
import type { ExchangeSimulatorOptions } from './ExchangeSimulatorOptions.js';

const INFERRED_FEE_RATE = '0.001';

/**
 * The series to replay and one market per symbol: the given market when there is one,
 * else one inferred from the symbol's candles; fee rates from the options override both.
 */
export async function loadSimMarkets(options: ExchangeSimulatorOptions): Promise<{ series: SimSeries[]; markets: Market[] }> {
  const loaded = await Promise.all((options.candleFiles ?? []).map((file) => loadCandleFile(file)));
  const series: SimSeries[] = [...loaded, ...(options.series ?? [])];
  if (series.length === 0) throw new Error('the exchange simulator needs candleFiles or series');
  const given = new Map((options.markets ?? []).map((m) => [m.symbol, MarketSchema.parse(m)]));
  const markets: Market[] = [];
  for (const symbol of new Set(series.map((s) => s.symbol))) {
    const candles = series.find((s) => s.symbol === symbol)!.candles;
    const market = given.get(symbol) ?? inferMarket(symbol, candles, INFERRED_FEE_RATE);
    markets.push({
      ...market,
      takerFeeRate: options.takerFeeRate ?? market.takerFeeRate,
      makerFeeRate: options.makerFeeRate ?? market.makerFeeRate,
    });
  }
  return { series, markets };
}
