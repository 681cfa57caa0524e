import type { Candle } from '../lib/domain/candle.js';

/** At least `count` candles: the file repeated end to end, each copy shifted to follow the last without a gap. */
export function repeatCandles(candles: readonly Candle[], count: number, stepMs: number): Candle[] {
  const first = candles[0];
  const last = candles[candles.length - 1];
  if (!first || !last) throw new Error('no candles to repeat');
  const span = last.openTime - first.openTime + stepMs;
  const copies = Math.ceil(count / candles.length);
  const out = new Array<Candle>(copies * candles.length);
  for (let c = 0; c < copies; c++) {
    for (let i = 0; i < candles.length; i++) {
      const candle = candles[i] as Candle;
      out[c * candles.length + i] = { ...candle, openTime: candle.openTime + c * span };
    }
  }
  return out;
}
