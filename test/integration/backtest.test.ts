import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BacktestConfigSchema } from '../../lib/domain/config.js';
import { type Decimal, ZERO, dec, sum } from '../../lib/domain/decimal.js';
import { splitSymbol } from '../../lib/domain/market.js';
import type { Fill } from '../../lib/domain/order.js';
import { timeframeMs } from '../../lib/domain/candle.js';
import { loadCandleFile } from '../../lib/runtime/backtest/loadCandleFile.js';
import { runBacktest } from '../../lib/runtime/backtest/runBacktest.js';
import { runStart } from '../../lib/runtime/backtest/runStart.js';

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
      // Every candle that closes once the run has a full window behind it is decided.
      const start = runStart([series], config.windowSize);
      const step = timeframeMs(series.timeframe);
      expect(result.decisions).toBe(series.candles.filter((c) => c.openTime + step >= start).length);

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

      // Each closed trade's PnL is what it moved in the quote currency: its sells minus its buys
      // minus the fees charged in the quote (a buy's fee in the base asset is what it could not sell).
      const planOf = (f: Fill) => engine.ledger.intents().find((i) => i.clientOrderId === f.clientOrderId)?.planId;
      for (const trade of result.trades) {
        const own = fills.filter((f) => planOf(f) === trade.planId);
        const pnl = sum(own.map((f) => (f.side === 'sell' ? dec(f.cost) : dec(f.cost).negated()).minus(f.fee.currency === quote ? f.fee.cost : 0)));
        expect(trade.realizedPnl, trade.planId).toBe(pnl.toFixed());
      }
      expect(result.realizedPnl).toBe(sum(result.trades.map((t) => t.realizedPnl)).toFixed());
      // Fees valued in the quote currency: a base-asset fee at its fill's price.
      expect(fills.some((f) => f.fee.currency === base)).toBe(fills.some((f) => f.side === 'buy'));
      expect(result.feesPaid).toBe(sum(fills.map((f) => (f.fee.currency === quote ? dec(f.fee.cost) : dec(f.fee.cost).times(f.price)))).toFixed());

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

  it('has one equity point per distinct close time from the run start over several series, a timeframe apart', async () => {
    const dataFiles = [`${DATA}/ETH_BTC-1m.json`, `${DATA}/XLM_BTC-1m.json`];
    const config = BacktestConfigSchema.parse({});
    const { result } = await runBacktest({ dataFiles, config });
    const series = await Promise.all(dataFiles.map((file) => loadCandleFile(file)));
    const start = runStart(series, config.windowSize);
    const closeTimes = new Set(series.flatMap((s) => s.candles.map((c) => c.openTime + 60_000)).filter((t) => t >= start));
    const { times, length } = result.equityCurve;

    expect(result.candles).toBe(series[0]!.candles.length + series[1]!.candles.length);
    expect(length).toBe(closeTimes.size);
    expect(times[0]).toBe(start);
    expect(length).toBeLessThan(result.candles);
    expect(times.every((time, i) => i === 0 || time > times[i - 1]!)).toBe(true);
    expect(result.equityIntervalMs).toBe(60_000);
    expect(result.timeframe).toBe('1m');
  });

  it('charts each symbol from the run start and holds the starting equity split equally between them, bought at the closes there', async () => {
    const dataFiles = [`${DATA}/ETH_BTC-1m.json`, `${DATA}/XLM_BTC-1m.json`];
    const config = BacktestConfigSchema.parse({});
    const { result } = await runBacktest({ dataFiles, config });
    const series = await Promise.all(dataFiles.map((file) => loadCandleFile(file)));
    const runFrom = runStart(series, config.windowSize);
    const firstClose = (candles: typeof series[number]['candles']) => candles.filter((c) => c.openTime + 60_000 <= runFrom).at(-1)!;
    const start = Number(result.startingEquity);
    const heldToEnd = series.map((s) => (start / 2 / firstClose(s.candles).close) * s.candles.at(-1)!.close);

    expect(result.prices.map((p) => p.symbol)).toEqual(['ETH/BTC', 'XLM/BTC']);
    for (const [i, prices] of result.prices.entries()) {
      const candles = series[i]!.candles;
      expect(prices.times.length).toBeLessThanOrEqual(2000);
      expect([prices.times[0], prices.closes[0]]).toEqual([firstClose(candles).openTime + 60_000, firstClose(candles).close]);
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
