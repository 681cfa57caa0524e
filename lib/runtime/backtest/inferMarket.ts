import type { Candle } from '../../domain/candle.js';
import { dec } from '../../domain/decimal.js';
import { type Market, splitSymbol } from '../../domain/market.js';

/**
 * A market for a backtest symbol the config does not describe: the price tick is the
 * finest the data shows (at least 1e-8), the amount step keeps an order's granularity
 * near a millionth of its price, and the minimum notional is Binance's 0.0001 BTC.
 */
export function inferMarket(symbol: string, candles: readonly Candle[], feeRate: string): Market {
  const { base, quote } = splitSymbol(symbol);
  let decimals = 0;
  const sample = Math.min(candles.length, 2_000);
  for (let i = 0; i < sample; i++) {
    const c = candles[i];
    if (c) decimals = Math.max(decimals, decimalsOf(c.open), decimalsOf(c.high), decimalsOf(c.low), decimalsOf(c.close));
  }
  const priceStep = dec(10).pow(-Math.min(Math.max(decimals, 1), 8)).toFixed();
  const typicalPrice = candles[0]?.close ?? 1;
  const amountDecimals = Math.min(8, Math.max(0, Math.ceil(Math.log10(typicalPrice * 1e6))));
  const amountStep = dec(10).pow(-amountDecimals).toFixed();
  return {
    symbol,
    base,
    quote,
    amountStep,
    priceStep,
    minAmount: amountStep,
    minCost: '0.0001',
    takerFeeRate: feeRate,
    makerFeeRate: feeRate,
  };
}

function decimalsOf(value: number): number {
  const text = dec(value).toFixed();
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}
