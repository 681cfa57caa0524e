import { InvalidInputError } from '../../domain/errors.js';
import { type CandleFileNaming, type CandleSeries, loadCandleFile } from './loadCandleFile.js';

/**
 * Loads every file and joins the files of one symbol and timeframe (Binance's monthly and
 * daily dumps) into one series, in time order: a year of 1m candles is twelve files. Files
 * of one series that overlap are refused, naming both.
 */
export async function loadCandleSeries(files: readonly string[], naming: CandleFileNaming = {}): Promise<CandleSeries[]> {
  const loaded = await Promise.all(files.map((file) => loadCandleFile(file, naming)));
  const groups = new Map<string, CandleSeries[]>();
  for (const series of loaded) {
    const key = `${series.symbol} ${series.timeframe}`;
    const group = groups.get(key);
    if (group) group.push(series);
    else groups.set(key, [series]);
  }
  return [...groups.values()].map(joinGroup);
}

function joinGroup(group: CandleSeries[]): CandleSeries {
  if (group.length === 1) return group[0] as CandleSeries;
  const ordered = [...group].sort((a, b) => (a.candles[0]?.openTime ?? 0) - (b.candles[0]?.openTime ?? 0));
  for (let i = 1; i < ordered.length; i++) {
    const before = ordered[i - 1] as CandleSeries;
    const after = ordered[i] as CandleSeries;
    const lastBefore = before.candles[before.candles.length - 1]?.openTime ?? -Infinity;
    if ((after.candles[0]?.openTime ?? Infinity) <= lastBefore) {
      throw new InvalidInputError(after.file, `overlaps ${before.file} (both hold ${after.symbol} ${after.timeframe} candles at ${new Date(after.candles[0]?.openTime ?? 0).toISOString()})`);
    }
  }
  const first = ordered[0] as CandleSeries;
  return { file: ordered.map((s) => s.file).join(','), symbol: first.symbol, timeframe: first.timeframe, candles: ordered.flatMap((s) => s.candles) };
}
