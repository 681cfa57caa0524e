import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BacktestConfigSchema } from '../../lib/domain/config.js';
import { type Decimal, ZERO, dec, sum } from '../../lib/domain/decimal.js';
import { splitSymbol } from '../../lib/domain/market.js';
import type { Fill } from '../../lib/domain/order.js';
import { timeframeMs } from '../../lib/domain/candle.js';
import { loadCandleFile } from '../../lib/runtime/backtest/loadCandleFile.js';
import { runBacktest } from '../../lib/runtime/backtest/runBacktest.js';

const DATA = '../shared/data/candles';
const files = readdirSync(DATA).filter((f) => f.endsWith('.json')).sort();
const strategies = ['ema-crossover', 'rsi-mean-reversion'];

function add(map: Map<string, Decimal>, asset: string, delta: Decimal): void {
  map.set(asset, (map.get(asset) ?? ZERO).plus(delta));
}

describe('Backtest over the shared real candles', () => {
  it('finds the shared candle files', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  describe.each(strategies)('strategy %s', (strategy) => {
    it.each(files)('%s: completes, and the ledger balances to the last decimal', async (file) => {
      const config = BacktestConfigSchema.parse({ strategy: { name: strategy } });
      const { result, engine } = await runBacktest({ dataFiles: [`${DATA}/${file}`], config });
      const series = await loadCandleFile(`${DATA}/${file}`);
      const symbol = series.symbol;
      const { base, quote } = splitSymbol(symbol);
      expect(result.candles).toBe(series.candles.length);
      expect(result.decisions).toBe(series.candles.length);

      // Starting balances plus every fill minus every fee give the final balances, exactly.
      const fills: readonly Fill[] = await engine.exchange.fetchFills(symbol, 0);
      const expected = new Map<string, Decimal>(Object.entries(result.startingBalances).map(([a, v]) => [a, dec(v)]));
      for (const f of fills) {
        const sign = f.side === 'buy' ? 1 : -1;
        add(expected, base, dec(f.amount).times(sign));
        add(expected, quote, dec(f.cost).times(-sign));
        add(expected, f.fee.currency, dec(f.fee.cost).negated());
      }
      for (const [asset, amount] of Object.entries(result.finalBalances)) {
        expect(amount, `${asset} balance`).toBe((expected.get(asset) ?? ZERO).toFixed());
      }
      // The ledger and the venue agree on every balance.
      const venue = engine.exchange.fetchBalances();
      for (const [asset, amount] of Object.entries(result.finalBalances)) expect(venue[asset]?.total).toBe(amount);

      // Each closed trade's PnL is its sells minus its buys minus its fees; the total agrees.
      const planOf = (f: Fill) => engine.ledger.intents().find((i) => i.clientOrderId === f.clientOrderId)?.planId;
      for (const trade of result.trades) {
        const own = fills.filter((f) => planOf(f) === trade.planId);
        const pnl = sum(own.map((f) => (f.side === 'sell' ? dec(f.cost) : dec(f.cost).negated()).minus(f.fee.cost)));
        expect(trade.realizedPnl, trade.planId).toBe(pnl.toFixed());
      }
      expect(result.realizedPnl).toBe(sum(result.trades.map((t) => t.realizedPnl)).toFixed());
      expect(result.feesPaid).toBe(sum(fills.map((f) => f.fee.cost)).toFixed());

      // Final equity is the quote balance plus the held base at the last close.
      const lastClose = series.candles[series.candles.length - 1]?.close ?? 0;
      expect(result.finalEquity).toBe(dec(result.finalBalances[quote] ?? '0').plus(dec(result.finalBalances[base] ?? '0').times(lastClose)).toFixed());

      // No client order id was ever used twice.
      const ids = engine.ledger.intents().map((i) => i.clientOrderId);
      expect(new Set(ids).size).toBe(ids.length);
    });
  });

  it('trades on real data: the EMA crossover closes trades on ETH/BTC 1m', async () => {
    const config = BacktestConfigSchema.parse({});
    const { result } = await runBacktest({ dataFiles: [`${DATA}/ETH_BTC-1m.json`], config });
    expect(result.trades.length).toBeGreaterThan(10);
    for (const t of result.trades) expect(['stop', 'target', 'trailing_stop', 'max_age']).toContain(t.exitReason);
  });

  it('has one equity point per distinct open time over several series, a timeframe apart', async () => {
    const dataFiles = [`${DATA}/ETH_BTC-1m.json`, `${DATA}/XLM_BTC-1m.json`];
    const { result } = await runBacktest({ dataFiles, config: BacktestConfigSchema.parse({}) });
    const series = await Promise.all(dataFiles.map(loadCandleFile));
    const openTimes = new Set(series.flatMap((s) => s.candles.map((c) => c.openTime)));
    const { times, length } = result.equityCurve;

    expect(result.candles).toBe(series[0]!.candles.length + series[1]!.candles.length);
    expect(length).toBe(openTimes.size);
    expect(length).toBeLessThan(result.candles);
    expect(times.every((time, i) => i === 0 || time > times[i - 1]!)).toBe(true);
    expect(result.equityIntervalMs).toBe(60_000);
    expect(result.timeframe).toBe('1m');
  });

  it('charts each symbol and holds the starting equity split equally between them, bought at their first closes', async () => {
    const dataFiles = [`${DATA}/ETH_BTC-1m.json`, `${DATA}/XLM_BTC-1m.json`];
    const { result } = await runBacktest({ dataFiles, config: BacktestConfigSchema.parse({}) });
    const series = await Promise.all(dataFiles.map(loadCandleFile));
    const start = Number(result.startingEquity);
    const heldToEnd = series.map((s) => (start / 2 / s.candles[0]!.close) * s.candles.at(-1)!.close);

    expect(result.prices.map((p) => p.symbol)).toEqual(['ETH/BTC', 'XLM/BTC']);
    for (const [i, prices] of result.prices.entries()) {
      const candles = series[i]!.candles;
      expect(prices.times.length).toBeLessThanOrEqual(2000);
      expect([prices.times[0], prices.closes[0]]).toEqual([candles[0]!.openTime + 60_000, candles[0]!.close]);
      expect([prices.times.at(-1), prices.closes.at(-1)]).toEqual([candles.at(-1)!.openTime + 60_000, candles.at(-1)!.close]);
    }
    expect(result.buyAndHoldEquity).toHaveLength(result.equityCurve.length);
    expect(result.buyAndHoldEquity[0]).toBeCloseTo(start, 12);
    expect(result.buyAndHoldEquity.at(-1)).toBeCloseTo(heldToEnd[0]! + heldToEnd[1]!, 12);
  });

  it.each(['ADA_BTC-1m.json', 'XLM_BTC-1m.json'])('%s: never enters within the warm-up after a gap', async (file) => {
    const config = BacktestConfigSchema.parse({});
    const { result, engine } = await runBacktest({ dataFiles: [`${DATA}/${file}`], config });
    const series = await loadCandleFile(`${DATA}/${file}`);
    const step = timeframeMs(series.timeframe);
    const gapStarts = series.candles.filter((c, i) => i > 0 && c.openTime - (series.candles[i - 1]?.openTime ?? 0) !== step).map((c) => c.openTime);
    expect(result.gaps).toBe(gapStarts.length);
    expect(gapStarts.length).toBeGreaterThan(0);
    const warmup = engine.strategyWarmup;
    for (const intent of engine.ledger.intents().filter((i) => i.leg === 'entry')) {
      const proposedAt = intent.createdAt - step;
      const lastGap = Math.max(-Infinity, ...gapStarts.filter((g) => g <= proposedAt));
      if (lastGap > -Infinity) expect((proposedAt - lastGap) / step, intent.clientOrderId).toBeGreaterThanOrEqual(warmup - 1);
    }
  });
});
