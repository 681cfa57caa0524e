import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { timeframeMs } from '../../../lib/domain/candle.js';
import { connectCcxtBinance, startExchangeSimulator } from '../../../lib/local/exchange-sim/index.js';
import { loadCandleFile } from '../../../lib/runtime/backtest/loadCandleFile.js';
import { downloadCandles } from '../../../lib/runtime/download/downloadCandles.js';
import { readSharedCandles } from '../../support/sharedCandles.js';

const FIVE_MINUTES = timeframeMs('5m');
const noWait = { sleep: () => Promise.resolve(), random: () => 0 };

describe('downloadCandles: the real ccxt client against the exchange simulator', () => {
  it('writes closed candles only, across pages, resumes after the file it finds, and reports a real gap', async () => {
    const all = readSharedCandles('DASH_BTC-5m.json');
    const gapAt = all.findIndex((c, i) => i > 0 && c.openTime - all[i - 1]!.openTime > FIVE_MINUTES);
    const slice = all.slice(gapAt - 12, gapAt + 12);
    const sim = await startExchangeSimulator({ series: [{ symbol: 'DASH/BTC', timeframe: '5m', candles: slice }], balances: { BTC: '1' } });
    const outDir = await mkdtemp(join(tmpdir(), 'download-'));
    try {
      // The clock stands a minute into candle 20: it is forming, 0-19 are closed.
      sim.advanceTo(slice[20]!.openTime + 60_000);
      const exchange = connectCcxtBinance(sim, { enableRateLimit: true });
      const first = await downloadCandles({ exchange, symbols: ['DASH/BTC'], timeframes: ['5m'], since: slice[0]!.openTime, until: slice[5]!.openTime, outDir, pageLimit: 4, timing: noWait });
      expect(first[0]).toMatchObject({ kept: 0, added: 5, gaps: [] });

      const resumed = await downloadCandles({ exchange, symbols: ['DASH/BTC'], timeframes: ['5m'], since: slice[0]!.openTime, outDir, pageLimit: 4, timing: noWait });
      expect(resumed[0]).toMatchObject({ kept: 5, added: 15 });
      const missing = (slice[12]!.openTime - slice[11]!.openTime) / FIVE_MINUTES - 1;
      expect(resumed[0]!.gaps).toEqual([{ from: slice[11]!.openTime + FIVE_MINUTES, missing }]);

      const file = join(outDir, 'DASH_BTC-5m.json');
      const series = await loadCandleFile(file);
      expect(series.candles).toEqual(slice.slice(0, 20));
      expect(JSON.parse(await readFile(file, 'utf8'))).toHaveLength(20);
    } finally {
      await sim.stop();
    }
  });
});
