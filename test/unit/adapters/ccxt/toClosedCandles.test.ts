import type { OHLCV } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { toClosedCandles } from '../../../../lib/adapters/ccxt/toClosedCandles.js';

const MINUTE = 60_000;

describe('Function: toClosedCandles', () => {
  const rows: OHLCV[] = [
    [0, 1, 2, 0.5, 1.5, 10],
    [MINUTE, 1.5, 2, 1, 1.8, 11],
    [2 * MINUTE, 1.8, 1.9, 1.7, 1.75, 3],
  ];

  it('drops the candle still forming: its open time plus the timeframe is after now', () => {
    expect(toClosedCandles(rows, '1m', 3 * MINUTE - 1).map((c) => c.openTime)).toEqual([0, MINUTE]);
  });

  it('keeps a candle that closes exactly now', () => {
    expect(toClosedCandles(rows, '1m', 3 * MINUTE).map((c) => c.openTime)).toEqual([0, MINUTE, 2 * MINUTE]);
  });

  it('maps the fields', () => {
    expect(toClosedCandles(rows.slice(0, 1), '1m', MINUTE)).toEqual([{ openTime: 0, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 }]);
  });

  it('fails the batch on a malformed closed candle', () => {
    expect(() => toClosedCandles([[0, 1, 0.5, 0.4, 1, 1]], '1m', MINUTE)).toThrow('candle 0: high: below open, close or low');
    expect(() => toClosedCandles([[0, undefined, 2, 0.5, 1, 1]], '1m', MINUTE)).toThrow(/open: NaN/);
  });
});
