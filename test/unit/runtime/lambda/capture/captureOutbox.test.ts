import { describe, expect, it, vi } from 'vitest';
import { captureClosedCandles } from '../../../../../lib/runtime/lambda/capture/captureClosedCandles.js';
import { MINUTE, T0, candle, captureHarness } from './captureFakes.js';

const SERIES = 'LTC/BTC#1m';
const key = (openTime: number) => `${SERIES}@${openTime}`;

describe('Function: captureClosedCandles, its outbox', () => {
  it('writes the candles to publish with the candles, and clears them once published', async () => {
    const h = captureHarness([{ symbol: 'LTC/BTC', timeframe: '1m' }]);

    await captureClosedCandles(h.deps);

    expect(h.store.puts).toEqual([expect.objectContaining({ series: SERIES, unpublished: [T0 - MINUTE] })]);
    expect(h.events).toEqual([`put ${SERIES}`, `publish ${key(T0 - MINUTE)}`, `outbox ${SERIES}@${T0 - MINUTE} []`]);
    expect(await h.store.resumePoint('LTC/BTC', '1m')).toEqual({ openTime: T0 - MINUTE, unpublished: [] });
  });

  it('publishes on the next run a candle that a run stored and died before publishing, before the candles new since', async () => {
    const h = captureHarness([{ symbol: 'LTC/BTC', timeframe: '1m' }]);
    vi.spyOn(h.queue, 'publish').mockRejectedValueOnce(new Error('the execution environment died'));
    const died = await captureClosedCandles(h.deps);
    expect(died.failed).toEqual([{ symbol: 'LTC/BTC', timeframe: '1m', error: 'the execution environment died' }]);
    expect(h.queue.messages).toEqual([]);
    expect(await h.store.resumePoint('LTC/BTC', '1m')).toEqual({ openTime: T0 - MINUTE, unpublished: [T0 - MINUTE] });

    h.setNow(T0 + MINUTE + 5_000);
    const next = await captureClosedCandles(h.deps);

    expect(h.queue.keys()).toEqual([key(T0 - MINUTE), key(T0)]);
    expect(next).toEqual({ series: 1, stored: 1, published: 2, stale: 0, failed: [] });
    expect(await h.store.resumePoint('LTC/BTC', '1m')).toEqual({ openTime: T0, unpublished: [] });
    expect(h.lines).toContainEqual({ level: 'warn', message: 'candles an earlier run stored but did not publish: publishing them', fields: { symbol: 'LTC/BTC', timeframe: '1m', openTimes: [T0 - MINUTE] } });
  });

  it('publishes the outbox even when no candle has closed since', async () => {
    const h = captureHarness([{ symbol: 'LTC/BTC', timeframe: '1m' }]);
    vi.spyOn(h.queue, 'publish').mockRejectedValueOnce(new Error('the execution environment died'));
    await captureClosedCandles(h.deps);
    const puts = h.store.puts.length;

    const rerun = await captureClosedCandles(h.deps);

    expect(rerun).toEqual({ series: 1, stored: 0, published: 1, stale: 0, failed: [] });
    expect(h.store.puts).toHaveLength(puts);
    expect(h.queue.messages).toEqual([{ symbol: 'LTC/BTC', timeframe: '1m', candle: candle(T0 - MINUTE) }]);
    expect(await h.store.resumePoint('LTC/BTC', '1m')).toEqual({ openTime: T0 - MINUTE, unpublished: [] });
  });

  it('keeps in the outbox only the messages SQS refused, and sends them, in order, with the next run', async () => {
    const h = captureHarness([{ symbol: 'LTC/BTC', timeframe: '1m' }]);
    h.queue.refusing.add('LTC/BTC');
    await captureClosedCandles(h.deps);
    expect(await h.store.resumePoint('LTC/BTC', '1m')).toEqual({ openTime: T0 - MINUTE, unpublished: [T0 - MINUTE] });
    h.queue.refusing.clear();

    h.setNow(T0 + 2 * MINUTE + 5_000);
    await captureClosedCandles(h.deps);

    expect(h.queue.keys()).toEqual([key(T0 - MINUTE), key(T0), key(T0 + MINUTE)]);
    expect(await h.store.resumePoint('LTC/BTC', '1m')).toEqual({ openTime: T0 + MINUTE, unpublished: [] });
  });

  it('carries the outbox forward when the run after a death dies too, and publishes it all on the third', async () => {
    const h = captureHarness([{ symbol: 'LTC/BTC', timeframe: '1m' }]);
    vi.spyOn(h.queue, 'publish').mockRejectedValueOnce(new Error('died')).mockRejectedValueOnce(new Error('died again'));
    await captureClosedCandles(h.deps);
    h.setNow(T0 + MINUTE + 5_000);
    await captureClosedCandles(h.deps);
    expect(await h.store.resumePoint('LTC/BTC', '1m')).toEqual({ openTime: T0, unpublished: [T0 - MINUTE, T0] });

    h.setNow(T0 + 2 * MINUTE + 5_000);
    await captureClosedCandles(h.deps);

    expect(h.queue.keys()).toEqual([key(T0 - MINUTE), key(T0), key(T0 + MINUTE)]);
  });

  it('publishes the outbox even when its candles have gone stale since: the decision records them skipped', async () => {
    const h = captureHarness([{ symbol: 'LTC/BTC', timeframe: '1m' }]);
    vi.spyOn(h.queue, 'publish').mockRejectedValueOnce(new Error('the execution environment died'));
    await captureClosedCandles(h.deps);

    // T0 - 1m closed 4.5 minutes before now: more than 3 timeframes.
    h.setNow(T0 + 4 * MINUTE + 30_000);
    const summary = await captureClosedCandles(h.deps);

    expect(h.queue.keys()).toEqual([key(T0 - MINUTE), key(T0), key(T0 + MINUTE), key(T0 + 2 * MINUTE), key(T0 + 3 * MINUTE)]);
    expect(summary).toEqual({ series: 1, stored: 4, published: 5, stale: 2, failed: [] });
    expect(await h.store.resumePoint('LTC/BTC', '1m')).toEqual({ openTime: T0 + 3 * MINUTE, unpublished: [] });
  });
});
