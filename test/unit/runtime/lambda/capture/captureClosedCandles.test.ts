import { describe, expect, it } from 'vitest';
import { CaptureFailedError, captureClosedCandles } from '../../../../../lib/runtime/lambda/capture/captureClosedCandles.js';
import { MINUTE, T0, candle, captureHarness, market } from './captureFakes.js';

const minutesBefore = (...ns: number[]) => ns.map((n) => T0 - n * MINUTE);

describe('Function: captureClosedCandles', () => {
  it('stores a warm-up history on the first capture of a series and decides only its newest candle', async () => {
    const h = captureHarness([{ symbol: 'LTC/BTC', timeframe: '1m' }], { historyCandles: 5 });

    const summary = await captureClosedCandles(h.deps);

    expect(h.store.openTimes('LTC/BTC#1m')).toEqual(minutesBefore(5, 4, 3, 2, 1));
    expect(h.queue.messages).toEqual([{ symbol: 'LTC/BTC', timeframe: '1m', candle: candle(T0 - MINUTE) }]);
    expect(summary).toEqual({ series: 1, stored: 5, published: 1, stale: 0, failed: [] });
  });

  it('publishes nothing on a rerun with no new candle, then exactly the candle that closed since', async () => {
    const h = captureHarness([{ symbol: 'LTC/BTC', timeframe: '1m' }]);
    await captureClosedCandles(h.deps);
    const putsBefore = h.store.puts.length;

    const rerun = await captureClosedCandles(h.deps);
    expect(rerun).toEqual({ series: 1, stored: 0, published: 0, stale: 0, failed: [] });
    expect(h.store.puts).toHaveLength(putsBefore);
    expect(h.venue.quotes).toEqual(['LTC/BTC']);

    h.setNow(T0 + MINUTE + 5_000);
    const next = await captureClosedCandles(h.deps);
    expect(next).toEqual({ series: 1, stored: 1, published: 1, stale: 0, failed: [] });
    expect(h.queue.keys()).toEqual([`LTC/BTC#1m@${T0 - MINUTE}`, `LTC/BTC#1m@${T0}`]);
  });

  it('after an outage stores and publishes every missed candle, counting those closed more than 3 timeframes ago as stale', async () => {
    const h = captureHarness([{ symbol: 'LTC/BTC', timeframe: '1m' }], { historyCandles: 100 });
    h.setNow(T0 - 9 * MINUTE);
    await captureClosedCandles(h.deps);
    h.queue.messages.length = 0;

    h.setNow(T0 + 30_000);
    const summary = await captureClosedCandles(h.deps);

    // The candle opened at T0 - 4m closed 3.5 minutes before now: stale. T0 - 3m closed 2.5 minutes before: fresh.
    // All are published, in order: the decision records the stale ones skipped.
    expect(h.store.openTimes('LTC/BTC#1m').slice(-9)).toEqual(minutesBefore(9, 8, 7, 6, 5, 4, 3, 2, 1));
    expect(h.queue.keys()).toEqual(minutesBefore(9, 8, 7, 6, 5, 4, 3, 2, 1).map((t) => `LTC/BTC#1m@${t}`));
    expect(summary).toMatchObject({ stored: 9, published: 9, stale: 6 });
    expect(h.lines).toContainEqual({
      level: 'warn',
      message: 'stale candles: published all the same, the decision records them skipped',
      fields: { symbol: 'LTC/BTC', timeframe: '1m', count: 6, from: T0 - 9 * MINUTE, to: T0 - 4 * MINUTE },
    });
  });

  it('never reaches further back than the history size, however long the outage', async () => {
    const h = captureHarness([{ symbol: 'LTC/BTC', timeframe: '1m' }], { historyCandles: 5 });
    h.setNow(T0 - 60 * MINUTE);
    await captureClosedCandles(h.deps);
    h.setNow(T0 + 30_000);
    h.venue.fetches.length = 0;

    await captureClosedCandles(h.deps);

    expect(h.venue.fetches[0]).toMatchObject({ since: T0 - 5 * MINUTE, limit: 6 });
    expect(h.store.openTimes('LTC/BTC#1m').slice(-6)).toEqual([T0 - 61 * MINUTE, ...minutesBefore(5, 4, 3, 2, 1)]);
  });

  it('captures the other symbols when one fails, then reports the failed series', async () => {
    const h = captureHarness([
      { symbol: 'LTC/BTC', timeframe: '1m' },
      { symbol: 'ETH/BTC', timeframe: '1m' },
      { symbol: 'XRP/BTC', timeframe: '5m' },
    ]);
    h.venue.down.add('LTC/BTC');
    h.store.failing.add('XRP/BTC#5m');

    const summary = await captureClosedCandles(h.deps);

    expect(h.queue.keys()).toEqual([`ETH/BTC#1m@${T0 - MINUTE}`]);
    expect(summary.failed).toEqual([
      { symbol: 'LTC/BTC', timeframe: '1m', error: 'venue down for LTC/BTC' },
      { symbol: 'XRP/BTC', timeframe: '5m', error: 'ProvisionedThroughputExceededException' },
    ]);
    expect(h.lines.filter((l) => l.level === 'error').map((l) => [l.message, l.fields.symbol])).toEqual(
      expect.arrayContaining([
        ['series not captured', 'LTC/BTC'],
        ['series not captured', 'XRP/BTC'],
      ]),
    );
    expect(h.lines.at(-1)).toEqual({
      level: 'error',
      message: 'capture finished with failures',
      fields: { series: 3, stored: 5, published: 1, stale: 0, failed: ['LTC/BTC 1m', 'XRP/BTC 5m'] },
    });
    expect(new CaptureFailedError(summary.failed).message).toBe(
      'capture failed for LTC/BTC 1m (venue down for LTC/BTC), XRP/BTC 5m (ProvisionedThroughputExceededException)',
    );
  });

  it('reports a series whose decision messages were not all published, its candles stored', async () => {
    const h = captureHarness([
      { symbol: 'LTC/BTC', timeframe: '1m' },
      { symbol: 'ETH/BTC', timeframe: '1m' },
    ]);
    h.queue.refusing.add('LTC/BTC');

    const summary = await captureClosedCandles(h.deps);

    expect(h.store.openTimes('LTC/BTC#1m')).toEqual(minutesBefore(5, 4, 3, 2, 1));
    expect(h.queue.keys()).toEqual([`ETH/BTC#1m@${T0 - MINUTE}`]);
    expect(summary.failed).toEqual([{ symbol: 'LTC/BTC', timeframe: '1m', error: '1 of 1 decision messages not published (KMS.ThrottlingException: slow down)' }]);
  });

  it("fetches each symbol's quote once and stamps it on the newest candle of its shortest timeframe", async () => {
    const h = captureHarness([
      { symbol: 'LTC/BTC', timeframe: '5m' },
      { symbol: 'LTC/BTC', timeframe: '1m' },
      { symbol: 'ETH/BTC', timeframe: '1h' },
    ]);

    await captureClosedCandles(h.deps);

    expect(h.venue.quotes.sort()).toEqual(['ETH/BTC', 'LTC/BTC']);
    const quote = { bid: '10.5', ask: '10.6', last: '10.55' };
    expect(h.store.puts.map((p) => [p.series, p.quote])).toEqual(
      expect.arrayContaining([
        ['LTC/BTC#1m', quote],
        ['LTC/BTC#5m', undefined],
        ['ETH/BTC#1h', quote],
      ]),
    );
    const items = h.store.items.get('LTC/BTC#1m');
    expect(items?.get(T0 - MINUTE)).toEqual({ candle: candle(T0 - MINUTE), capturedAt: T0 + 30_000, quote });
    expect(items?.get(T0 - 2 * MINUTE)).toEqual({ candle: candle(T0 - 2 * MINUTE) });
  });

  it('captures candles without a quote when the ticker fails', async () => {
    const h = captureHarness([{ symbol: 'LTC/BTC', timeframe: '1m' }]);
    h.venue.tickerDown.add('LTC/BTC');

    const summary = await captureClosedCandles(h.deps);

    expect(summary).toEqual({ series: 1, stored: 5, published: 1, stale: 0, failed: [] });
    expect(h.store.puts[0]?.quote).toBeUndefined();
    expect(h.lines.some((l) => l.level === 'warn' && l.message === 'ticker not captured')).toBe(true);
  });

  it('in paper mode shows the paper venue exactly the new candles of the shortest timeframe, after storing, before publishing', async () => {
    const h = captureHarness(
      [
        { symbol: 'LTC/BTC', timeframe: '5m' },
        { symbol: 'LTC/BTC', timeframe: '1m' },
      ],
      { paper: true },
    );
    await captureClosedCandles(h.deps);
    h.events.length = 0;
    h.paper.calls.length = 0;

    h.setNow(T0 + 2 * MINUTE + 1_000);
    await captureClosedCandles(h.deps);

    expect(h.paper.calls).toEqual([{ symbol: 'LTC/BTC', market: market('LTC/BTC'), openTimes: [T0, T0 + MINUTE] }]);
    expect(h.events).toEqual(['put LTC/BTC#1m', 'advance LTC/BTC', `publish LTC/BTC#1m@${T0} LTC/BTC#1m@${T0 + MINUTE}`, `outbox LTC/BTC#1m@${T0 + MINUTE} []`]);
  });
});
