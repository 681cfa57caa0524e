import type { Candle } from '../../domain/candle.js';
import { ArrayCandleWindow, type CandleWindow } from '../../domain/candleWindow.js';
import type { ReplaySeries } from '../Strategy.js';
import type { Checkpoint } from './loadCheckpoint.js';

/** pWin of candle i, from candles[i - lookback + 1 .. i] only; NaN where those give no row. */
interface SeriesScores {
  readonly candles: readonly Candle[];
  readonly scores: Float32Array;
  /** The index last looked up: a replay asks for the next one. */
  cursor: number;
}

function seriesKey(symbol: string, timeframe: string): string {
  return `${symbol} ${timeframe}`;
}

/** The index of the candle opening at `openTime` in candles sorted by open time, or -1. */
function indexOfOpenTime(candles: readonly Candle[], openTime: number): number {
  let low = 0;
  let high = candles.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const time = (candles[middle] as Candle).openTime;
    if (time === openTime) return middle;
    if (time < openTime) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * A backtest's model scores, made before its replay: every candle of a series is scored in
 * batches of the checkpoint's rows (one session run per batch instead of one per candle).
 * A score depends on its candle and the lookback before it alone, exactly the row the
 * per-candle path builds, so reading it when the candle is decided looks no further ahead
 * than live does.
 */
export class ReplayScores {
  private readonly bySeries = new Map<string, SeriesScores>();

  constructor(private readonly checkpoint: Checkpoint) {}

  async score(series: ReplaySeries): Promise<void> {
    const { featureSet, maxBatch } = this.checkpoint;
    const width = featureSet.names.length;
    const { lookback } = featureSet;
    const { candles } = series;
    const scores = new Float32Array(candles.length).fill(Number.NaN);
    const rows = new Float32Array(maxBatch * width);
    const row = new Float32Array(width);
    const rowCandle = new Int32Array(maxBatch);
    const window = new ArrayCandleWindow(candles, 0, 0);
    let count = 0;
    const flush = async (): Promise<void> => {
      const pWins = await this.checkpoint.runBatch(rows, count);
      for (let k = 0; k < count; k++) scores[rowCandle[k] as number] = pWins[k] as number;
      count = 0;
    };
    for (let i = lookback - 1; i < candles.length; i++) {
      window.moveTo(i + 1 - lookback, i + 1);
      if (!featureSet.compute(window, row)) continue;
      rows.set(row, count * width);
      rowCandle[count++] = i;
      if (count === maxBatch) await flush();
    }
    if (count > 0) await flush();
    this.bySeries.set(seriesKey(series.symbol, series.timeframe), { candles, scores, cursor: -1 });
  }

  /**
   * The score of the window's newest candle when it was scored from these very candles (the
   * window's last lookback candles are the scored series' own); undefined when it was not,
   * and the caller runs the model itself. NaN: those candles give no row.
   */
  pWinOf(symbol: string, timeframe: string, window: CandleWindow): number | undefined {
    const entry = this.bySeries.get(seriesKey(symbol, timeframe));
    const { lookback } = this.checkpoint.featureSet;
    if (entry === undefined || window.length < lookback) return undefined;
    const { candles } = entry;
    const last = window.last();
    let index = entry.cursor + 1;
    if (candles[index] !== last) index = indexOfOpenTime(candles, last.openTime);
    if (index < lookback - 1 || candles[index] !== last) return undefined;
    entry.cursor = index;
    const newest = window.length - 1;
    for (let back = 1; back < lookback; back++) if (window.at(newest - back) !== candles[index - back]) return undefined;
    return entry.scores[index];
  }
}
