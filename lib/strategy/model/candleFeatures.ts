import type { CandleWindow } from '../../domain/candleWindow.js';

/**
 * A named, versioned feature set: what a checkpoint's input columns mean. A model card names
 * the id and version it was trained on, and a checkpoint whose card names another is refused.
 * Change the names, their order or the arithmetic below and the version must change too.
 */
export interface FeatureSet {
  readonly id: string;
  readonly version: number;
  /** Column names, in input order. */
  readonly names: readonly string[];
  /** Candles the window must hold for one row. */
  readonly lookback: number;
  /**
   * Writes the row for the window's newest candle into `out` (length names.length). Every
   * value depends on the last `lookback` candles only, so a cold and a warm call agree.
   * Returns false when the window is too short or a value is not finite.
   */
  compute(window: CandleWindow, out: Float32Array | Float64Array): boolean;
}

/** ATR period of the features and of the stop and target rule. */
export const FEATURE_ATR_PERIOD = 14;
const LONG = 30;
const MEDIUM = 20;
const SHORT = 5;
const RSI_PERIOD = 14;

/**
 * The mean true range over the last `period` candles, a simple average (not Wilder's), so it
 * depends on those candles alone. Needs period + 1 candles.
 */
export function meanTrueRange(window: CandleWindow, period: number, end = window.length - 1): number {
  let sum = 0;
  for (let i = end - period + 1; i <= end; i++) {
    const c = window.at(i);
    const previousClose = window.at(i - 1).close;
    sum += Math.max(c.high - c.low, Math.abs(c.high - previousClose), Math.abs(c.low - previousClose));
  }
  return sum / period;
}

/**
 * `candle-v1`: 13 scale-free numbers from the last 31 candles (returns, volatility, ranges,
 * momentum and volume as ratios), so one model serves any price level. They are raw: the
 * standardisation (subtract the training mean, divide by its deviation) is inside the ONNX
 * graph, so a checkpoint carries its own scaling and a user's model sees the same columns.
 */
export const CANDLE_FEATURES_V1: FeatureSet = Object.freeze({
  id: 'candle',
  version: 1,
  names: Object.freeze([
    'logReturn1',
    'logReturn5',
    'logReturn20',
    'logReturn30',
    'returnStdev20',
    'atr14OverClose',
    'rsi14',
    'closeOverSma20',
    'rangeOverClose',
    'closeInRange',
    'logVolumeOverMean20',
    'high20OverClose',
    'low20OverClose',
  ]),
  lookback: LONG + 1,
  compute(window: CandleWindow, out: Float32Array | Float64Array): boolean {
    const n = window.length;
    if (n < LONG + 1) return false;
    const t = n - 1;
    const last = window.at(t);
    const close = last.close;
    const closeAt = (back: number) => window.at(t - back).close;

    let returnSum = 0;
    let returnSquares = 0;
    let closeSum = 0;
    let logVolumeSum = 0;
    let high = -Infinity;
    let low = Infinity;
    for (let back = 0; back < MEDIUM; back++) {
      const c = window.at(t - back);
      const r = Math.log(c.close / closeAt(back + 1));
      returnSum += r;
      returnSquares += r * r;
      closeSum += c.close;
      logVolumeSum += Math.log1p(c.volume);
      if (c.high > high) high = c.high;
      if (c.low < low) low = c.low;
    }
    const meanReturn = returnSum / MEDIUM;

    // Cutler's RSI: simple averages of gains and losses, so it depends on the window alone.
    let gains = 0;
    let losses = 0;
    for (let back = 0; back < RSI_PERIOD; back++) {
      const change = closeAt(back) - closeAt(back + 1);
      if (change > 0) gains += change;
      else losses -= change;
    }
    const rsi = gains + losses === 0 ? 0.5 : gains / (gains + losses);

    const range = last.high - last.low;
    out[0] = Math.log(close / closeAt(1));
    out[1] = Math.log(close / closeAt(SHORT));
    out[2] = Math.log(close / closeAt(MEDIUM));
    out[3] = Math.log(close / closeAt(LONG));
    out[4] = Math.sqrt(Math.max(0, returnSquares / MEDIUM - meanReturn * meanReturn));
    out[5] = meanTrueRange(window, FEATURE_ATR_PERIOD) / close;
    out[6] = rsi - 0.5;
    out[7] = close / (closeSum / MEDIUM) - 1;
    out[8] = range / close;
    out[9] = range === 0 ? 0.5 : (close - last.low) / range;
    out[10] = Math.log1p(last.volume) - logVolumeSum / MEDIUM;
    out[11] = high / close - 1;
    out[12] = 1 - low / close;
    for (let i = 0; i < 13; i++) if (!Number.isFinite(out[i])) return false;
    return true;
  },
});

export const FEATURE_SETS: readonly FeatureSet[] = [CANDLE_FEATURES_V1];

export function describeFeatureSet(set: Pick<FeatureSet, 'id' | 'version'>): string {
  return `${set.id}@${set.version}`;
}
