import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCandleFile, parseCandleFileName } from '../../../../lib/runtime/backtest/loadCandleFile.js';

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

describe('Function: parseCandleFileName', () => {
  it('refuses a name that does not say the symbol and timeframe', () => {
    expect(() => parseCandleFileName('data/candles.json')).toThrow('data/candles.json: file name must be BASE_QUOTE-TIMEFRAME.json');
  });
});
