import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeframeMs } from '../../lib/domain/candle.js';
import { useDynamoDbLocal } from '../support/dynamoDbLocalTables.js';
import { type BothRuns, SETUP_TIMEOUT_MS, expectSameFills, expectSamePlans, runBoth } from '../support/parityRuns.js';
import { readSharedCandles } from '../support/sharedCandles.js';

const dynamo = useDynamoDbLocal();
const MINUTE = timeframeMs('1m');
/** The default window (100 candles of history) and then 27 hours of XLM/BTC minutes, with six one-minute gaps in it. */
const XLM = readSharedCandles('XLM_BTC-1m.json').slice(0, 100 + 27 * 60);
/** Ten hours of two symbols at once, after their window. */
const ETH_TWO = readSharedCandles('ETH_BTC-1m.json').slice(2000, 2000 + 100 + 600);
const XLM_TWO = readSharedCandles('XLM_BTC-1m.json').slice(2000, 2000 + 100 + 600);

describe('Parity: the backtest and npm start trade the same plans over the same candles', () => {
  let dir: string;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  describe('one symbol: a day of XLM/BTC minutes with gaps', () => {
    let runs: BothRuns;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'parity-'));
      runs = await runBoth(dynamo, join(dir), { 'XLM_BTC-1m.json': XLM });
    }, SETUP_TIMEOUT_MS);

    it('covers gaps and trades enough to compare', () => {
      const gaps = XLM.filter((c, i) => i > 0 && c.openTime - XLM[i - 1]!.openTime !== MINUTE).length;
      expect(gaps).toBeGreaterThanOrEqual(3);
      expect(runs.local.plans.filter((p) => p.status === 'closed').length).toBeGreaterThanOrEqual(3);
    });

    it('enters and exits the same plans on the same candles, with the same amounts, prices, reasons and PnL', () => expectSamePlans(runs.backtest, runs.local));

    it('sends the same orders and fills each at the same price, amount, cost and fee, at the same moment', () => expectSameFills(runs.backtest, runs.local));
  });

  describe('two symbols: ETH/BTC and XLM/BTC minutes, their candles of one moment decided in either order', () => {
    let runs: BothRuns;
    beforeAll(async () => {
      const twoDir = await mkdtemp(join(tmpdir(), 'parity-two-'));
      try {
        runs = await runBoth(dynamo, twoDir, { 'ETH_BTC-1m.json': ETH_TWO, 'XLM_BTC-1m.json': XLM_TWO });
      } finally {
        await rm(twoDir, { recursive: true, force: true });
      }
    }, SETUP_TIMEOUT_MS);

    it('trades both symbols, with plans open on both at once', () => {
      const closed = runs.local.plans.filter((p) => p.status === 'closed');
      expect(new Set(closed.map((p) => p.symbol))).toEqual(new Set(['ETH/BTC', 'XLM/BTC']));
      const overlapping = closed.some((a) => closed.some((b) => a.symbol !== b.symbol && a.openedAt! < b.openedAt! && b.openedAt! < a.closedAt!));
      expect(overlapping).toBe(true);
    });

    it('sizes, enters and exits the same plans', () => expectSamePlans(runs.backtest, runs.local));

    it('fills the same orders alike', () => expectSameFills(runs.backtest, runs.local));
  });
});
