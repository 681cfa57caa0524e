import type { SymbolCloses } from './priceSeries.js';

/**
 * Buy and hold, the benchmark beside the equity curve: `startingEquity` split equally among
 * the symbols, each part spent at its symbol's first close and held. Valued at each of the
 * ascending `times` with the latest close at or before it; a part whose symbol has no close
 * yet is still cash. Floats: this is for the picture and a rounded return. Empty without closes.
 */
export function buyAndHoldEquity(startingEquity: number, closes: readonly SymbolCloses[], times: ArrayLike<number>, length: number): Float64Array {
  const held = closes.filter((s) => s.closes.length > 0);
  if (held.length === 0) return new Float64Array(0);
  const part = startingEquity / held.length;
  const out = new Float64Array(length);
  for (const s of held) {
    const units = part / s.closes[0]!;
    let next = 0;
    for (let i = 0; i < length; i++) {
      const time = times[i]!;
      while (next < s.times.length && s.times[next]! <= time) next++;
      out[i] = out[i]! + (next === 0 ? part : units * s.closes[next - 1]!);
    }
  }
  return out;
}
