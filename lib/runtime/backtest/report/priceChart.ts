import type { PriceSeries } from './BacktestResult.js';
import type { ReportTrade } from './BacktestReport.js';
import type { ChartMarker, TimeSeriesChart } from './chartScale.js';

function tradeTitle(trade: ReportTrade, leg: 'entry' | 'exit', quoteCurrency: string): string {
  const price = leg === 'entry' ? trade.avgEntryPrice : trade.avgExitPrice;
  const time = leg === 'entry' ? trade.openedAt : trade.closedAt;
  return `${trade.side} ${leg} ${price} at ${time}; exit: ${trade.exitReason}, PnL ${trade.realizedPnl} ${quoteCurrency}`;
}

/**
 * A trade's entry and exit fills, at their average prices and fill times. A plan closed as dust
 * sold nothing (its exit price reads 0): it has no exit to mark.
 */
export function tradeMarkers(trade: ReportTrade, quoteCurrency: string): ChartMarker[] {
  const entry: ChartMarker = { time: Date.parse(trade.openedAt), value: Number(trade.avgEntryPrice), kind: 'entry', title: tradeTitle(trade, 'entry', quoteCurrency) };
  if (!(Number(trade.avgExitPrice) > 0)) return [entry];
  return [entry, { time: Date.parse(trade.closedAt), value: Number(trade.avgExitPrice), kind: 'exit', title: tradeTitle(trade, 'exit', quoteCurrency) }];
}

/** One symbol's closes with its closed trades marked on them. */
export function priceChart(prices: PriceSeries, trades: readonly ReportTrade[], quoteCurrency: string): TimeSeriesChart {
  return {
    times: prices.times,
    values: prices.closes,
    title: `${prices.symbol} price`,
    yLabel: `${prices.symbol} close`,
    kind: 'line',
    height: 300,
    markers: trades.filter((t) => t.symbol === prices.symbol).flatMap((t) => tradeMarkers(t, quoteCurrency)),
  };
}
