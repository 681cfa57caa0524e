import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Candle, timeframeMs } from '../../lib/domain/candle.js';
import { useDynamoDbLocal } from '../support/dynamoDbLocalTables.js';
import { type BothRuns, SETUP_TIMEOUT_MS, expectSameFills, expectSamePlans, runBoth } from '../support/parityRuns.js';
import { readSharedCandles } from '../support/sharedCandles.js';

/**
 * Parity beyond parity.test.ts's minutes: candles coarser than the local schedule's
 * one-minute tick, with gaps in them, and a symbol of 1m candles traded beside one of 5m.
 */
const dynamo = useDynamoDbLocal();
const FIVE_MINUTES = timeframeMs('5m');
/** A window of DASH/BTC five-minute candles and then 25 hours of them, with one of the file's two gaps. */
const DASH = readSharedCandles('DASH_BTC-5m.json').slice(4700, 4700 + 100 + 300);
/** Ten hours of ETH/BTC minutes after their window, and LTC/BTC five-minute candles over the same hours (with their own, longer window before). */
const ETH = readSharedCandles('ETH_BTC-1m.json').slice(100, 100 + 100 + 10 * 60);
const ETH_FROM = ETH[100]!.openTime;
const ETH_TO = ETH.at(-1)!.openTime + timeframeMs('1m');
const LTC_ALL = readSharedCandles('LTC_BTC-5m.json');
const LTC = LTC_ALL.slice(LTC_ALL.findIndex((c) => c.openTime >= ETH_FROM) - 100).filter((c) => c.openTime + FIVE_MINUTES <= ETH_TO);

function useRuns(files: Readonly<Record<string, readonly Candle[]>>): () => BothRuns {
  let runs: BothRuns | undefined;
  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parity-other-'));
    try {
      runs = await runBoth(dynamo, dir, files);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, SETUP_TIMEOUT_MS);
  return () => runs!;
}

describe('Parity on other data: the backtest and npm start trade the same plans', () => {
  describe('five-minute candles with gaps: DASH/BTC', () => {
    const runs = useRuns({ 'DASH_BTC-5m.json': DASH });

    it('covers gaps and trades enough to compare', () => {
      const gaps = DASH.filter((c, i) => i > 100 && c.openTime - DASH[i - 1]!.openTime !== FIVE_MINUTES).length;
      expect(gaps).toBe(1);
      expect(runs().local.plans.filter((p) => p.status === 'closed').length).toBeGreaterThanOrEqual(3);
    });

    it('enters and exits the same plans', () => expectSamePlans(runs().backtest, runs().local));

    it('fills the same orders alike', () => expectSameFills(runs().backtest, runs().local));
  });

  describe('two timeframes: ETH/BTC minutes beside LTC/BTC five-minute candles', () => {
    const runs = useRuns({ 'ETH_BTC-1m.json': ETH, 'LTC_BTC-5m.json': LTC });

    it('trades both symbols', () => {
      const closed = runs().local.plans.filter((p) => p.status === 'closed');
      expect(new Set(closed.map((p) => p.symbol))).toEqual(new Set(['ETH/BTC', 'LTC/BTC']));
    });

    it('enters and exits the same plans', () => expectSamePlans(runs().backtest, runs().local));

    it('fills the same orders alike', () => expectSameFills(runs().backtest, runs().local));
  });
});
