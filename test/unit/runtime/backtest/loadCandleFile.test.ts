import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { loadCandleFile } from '../../../../lib/runtime/backtest/loadCandleFile.js';
import { loadCandleSeries } from '../../../../lib/runtime/backtest/loadCandleSeries.js';

async function fileWith(name: string, content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'candles-'));
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
}

describe('Function: loadCandleFile', () => {
  it('reads the shared ETH/BTC file with its symbol and timeframe from the name', async () => {
    const series = await loadCandleFile('../shared/data/candles/ETH_BTC-1m.json');
    expect(series.symbol).toBe('ETH/BTC');
    expect(series.timeframe).toBe('1m');
    expect(series.candles).toHaveLength(14_397);
    expect(series.candles[0]).toEqual({ openTime: 1516423980000, open: 0.08939998, high: 0.08939998, low: 0.08909372, close: 0.08909374, volume: 81.45320695 });
  });

  it('names the file when it is missing', async () => {
    await expect(loadCandleFile('/nowhere/ETH_BTC-1m.json')).rejects.toThrow('/nowhere/ETH_BTC-1m.json: cannot read: ENOENT');
  });

  it('names the row and field of a malformed row', async () => {
    const file = await fileWith('ETH_BTC-1m.json', '[[0,1,1,1,1,1],[60000,1,"x",1,1,1]]');
    await expect(loadCandleFile(file)).rejects.toThrow(`${file}: row 1: must be [openTimeMs, open, high, low, close, volume] numbers`);
  });

  it('names a NaN-like or negative price', async () => {
    const file = await fileWith('ETH_BTC-1m.json', '[[0,1,1,1,1,1],[60000,1,1,-1,1,1]]');
    await expect(loadCandleFile(file)).rejects.toThrow(`${file}: row 1: low: -1 is not a positive finite price`);
  });

  it('names a high below the low', async () => {
    const file = await fileWith('ETH_BTC-1m.json', '[[0,1,0.5,0.9,1,1]]');
    await expect(loadCandleFile(file)).rejects.toThrow(`${file}: row 0: high: below open, close or low`);
  });

  it('refuses unsorted or duplicate rows', async () => {
    const file = await fileWith('ETH_BTC-1m.json', '[[60000,1,1,1,1,1],[0,1,1,1,1,1]]');
    await expect(loadCandleFile(file)).rejects.toThrow(`${file}: row 1: openTime 0 is not after the previous row's 60000`);
  });

  it('refuses a file that is not JSON', async () => {
    const file = await fileWith('ETH_BTC-1m.json', '<html>');
    await expect(loadCandleFile(file)).rejects.toThrow(`${file}: not JSON`);
  });
});

describe('Function: loadCandleFile, names and other formats', () => {
  it('refuses a name that does not say the symbol and timeframe, asking for the flags', async () => {
    const file = await fileWith('candles.json', '[[0,1,1,1,1,1]]');
    await expect(loadCandleFile(file)).rejects.toThrow('the name does not say the symbol (give --symbol BASE/QUOTE) or timeframe (give --timeframe');
  });

  it('takes the symbol and timeframe from the flags when the name does not say them', async () => {
    const file = await fileWith('candles.json', '[[0,1,1,1,1,1],[300000,1,2,1,2,3]]');
    const series = await loadCandleFile(file, { symbol: 'ETH/BTC', timeframe: '5m' });
    expect(series).toMatchObject({ symbol: 'ETH/BTC', timeframe: '5m' });
    expect(series.candles[1]).toEqual({ openTime: 300000, open: 1, high: 2, low: 1, close: 2, volume: 3 });
  });

  it('reads a Binance monthly dump with millisecond open times, the symbol split from its id', async () => {
    const file = await fileWith(
      'ETHBTC-1m-2024-01.csv',
      '1704067200000,0.05340000,0.05342000,0.05339000,0.05341000,12.34560000,1704067259999,0.65900000,42,6.00000000,0.32000000,0\n' +
        '1704067260000,0.05341000,0.05345000,0.05340000,0.05344000,1.00000000,1704067319999,0.05300000,3,0.50000000,0.02600000,0\n',
    );
    const series = await loadCandleFile(file);
    expect(series).toMatchObject({ symbol: 'ETH/BTC', timeframe: '1m' });
    expect(series.candles).toEqual([
      { openTime: 1704067200000, open: 0.0534, high: 0.05342, low: 0.05339, close: 0.05341, volume: 12.3456 },
      { openTime: 1704067260000, open: 0.05341, high: 0.05345, low: 0.0534, close: 0.05344, volume: 1 },
    ]);
  });

  it('reads a 2025 Binance daily dump whose open times are microseconds', async () => {
    const file = await fileWith('BTCUSDT-5m-2025-02-01.csv', '1738368000000000,100,101,99,100.5,2,1738368299999999,200,5,1,100,0\n1738368300000000,100.5,102,100,101,1,1738368599999999,101,2,0,0,0');
    const series = await loadCandleFile(file);
    expect(series).toMatchObject({ symbol: 'BTC/USDT', timeframe: '5m' });
    expect(series.candles.map((c) => c.openTime)).toEqual([1738368000000, 1738368300000]);
  });

  it('names the line and column of a bad CSV row', async () => {
    const file = await fileWith('BTCUSDT-1m-2024-01.csv', '1704067200000,1,1,1,1,1,0,0,0,0,0,0\n1704067260000,1,abc,1,1,1,0,0,0,0,0,0\n');
    await expect(loadCandleFile(file)).rejects.toThrow(`${file}: line 2: high is "abc", not a number`);
  });

  it("reads freqtrade's gzipped JSON candle file", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'candles-'));
    const file = join(dir, 'ETH_BTC-1h.json.gz');
    await writeFile(file, gzipSync('[[0,1,1,1,1,1],[3600000,1,2,1,2,3]]'));
    const series = await loadCandleFile(file);
    expect(series).toMatchObject({ symbol: 'ETH/BTC', timeframe: '1h' });
    expect(series.candles).toHaveLength(2);
  });
});

describe('Function: loadCandleSeries', () => {
  it('joins the monthly files of one series in time order, whatever order they are given in', async () => {
    const january = await fileWith('ETHBTC-1m-2024-01.csv', '1704067200000,1,1,1,1,1,0,0,0,0,0,0\n');
    const february = await fileWith('ETHBTC-1m-2024-02.csv', '1706745600000,2,2,2,2,2,0,0,0,0,0,0\n');
    const [series, ...others] = await loadCandleSeries([february, january]);
    expect(others).toHaveLength(0);
    expect(series?.candles.map((c) => c.close)).toEqual([1, 2]);
  });

  it('refuses two files of one series that overlap, naming both', async () => {
    const one = await fileWith('ETHBTC-1m-2024-01.csv', '1704067200000,1,1,1,1,1,0,0,0,0,0,0\n');
    const again = await fileWith('ETH_BTC-1m.json', '[[1704067200000,1,1,1,1,1]]');
    await expect(loadCandleSeries([one, again])).rejects.toThrow(/overlaps/);
  });
});
