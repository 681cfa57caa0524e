import { describe, expect, it } from 'vitest';
import { MemoryShadowStore } from '../../../../../lib/adapters/memory/MemoryShadowStore.js';
import { type BotConfigInput, BotConfigSchema } from '../../../../../lib/domain/botConfig.js';
import type { Plan } from '../../../../../lib/domain/plan.js';
import { silentLogger } from '../../../../../lib/ports/Logger.js';
import { calibratedBooks, monitorCalibration } from '../../../../../lib/runtime/lambda/heartbeat/monitorCalibration.js';
import { aPlan } from '../../../../support/planFixture.js';

const T = Date.UTC(2026, 0, 1);
const config = (input: Partial<BotConfigInput>) =>
  BotConfigSchema.parse({ botId: 'cal', exchange: { id: 'binance' }, symbols: [{ symbol: 'ETH/BTC', timeframe: '1m' }], calibration: { outcomes: 200, minOutcomes: 10 }, ...input });
const resolved = (i: number, pWin: number, won: boolean): Plan =>
  aPlan({ id: `p${i}`, status: 'closed', pWin, exitReason: won ? 'target' : 'stop', closedAt: T + i * 60_000, updatedAt: T + i * 60_000, version: 5 });

async function storeWith(bookId: string, plans: readonly Plan[]) {
  const store = new MemoryShadowStore();
  let version = 0;
  for (const plan of plans) {
    version++;
    await store.write({ book: { id: bookId, version, updatedAt: T, venue: '{}', ledger: { ledgerVersion: 0, livePlans: [], lastStopOutAt: {}, decidedUpTo: {} } }, opened: [], resolved: [plan] }, T);
  }
  return store;
}

describe('Function: monitorCalibration (heartbeat)', () => {
  it('scores each book exactly, and publishes the worst ECE of the books judged on enough outcomes as one metric', async () => {
    // pWin 0.8: 4 of 5 won; pWin 0.3: 1 of 5 won. ECE = 5/10 × |0.3 − 0.2| = 0.05; Brier = (4×0.04 + 0.64 + 0.49 + 4×0.09) / 10 = 0.165.
    const plans = [0, 1, 2, 3, 4].map((i) => resolved(i, 0.8, i !== 4)).concat([5, 6, 7, 8, 9].map((i) => resolved(i, 0.3, i === 5)));
    const store = await storeWith('model-a', plans);
    // A second book with 3 outcomes, badly calibrated but not yet judged.
    for (const [i, plan] of [resolved(20, 0.9, false), resolved(21, 0.9, false), resolved(22, 0.9, false)].entries()) {
      await store.write({ book: { id: 'model-b', version: i + 1, updatedAt: T, venue: '{}', ledger: { ledgerVersion: 0, livePlans: [], lastStopOutAt: {}, decidedUpTo: {} } }, opened: [], resolved: [plan] }, T);
    }
    const gauges: [string, number][] = [];
    const results = await monitorCalibration({
      config: config({ shadow: [{ id: 'model-a', strategy: 'model' }, { id: 'model-b', strategy: 'model' }, { id: 'ema', strategy: 'ema-crossover' }] }),
      // The live book trades ema-crossover, which carries no pWin: nothing is read for it.
      plans: { listClosedSince: () => Promise.reject(new Error('read for a book without pWin')) },
      shadows: store,
      metrics: { count: () => undefined, gauge: (name, value) => gauges.push([name, value]) },
      now: T,
      logger: silentLogger,
    });

    expect(results.map((r) => r.book)).toEqual(['model-a', 'model-b']);
    const [a, b] = results;
    expect(a).toMatchObject({ outcomes: 10, judged: true, realizedHitRate: 0.5 });
    expect(a?.predictedHitRate).toBeCloseTo(0.55, 12);
    expect(a?.ece).toBeCloseTo(0.05, 12);
    expect(a?.brier).toBeCloseTo(0.165, 12);
    expect(b).toMatchObject({ outcomes: 3, judged: false, ece: 0.9 });
    expect(gauges).toHaveLength(1);
    expect(gauges[0]?.[0]).toBe('CalibrationError');
    expect(gauges[0]?.[1]).toBeCloseTo(0.05, 12);
  });

  it('publishes nothing below the minimum of outcomes, and reads the live closed plans when the live strategy can carry pWin', async () => {
    const gauges: [string, number][] = [];
    const asked: string[] = [];
    const results = await monitorCalibration({
      config: config({ strategy: { name: 'model', params: {} } }),
      plans: { listClosedSince: (symbol) => (asked.push(symbol), Promise.resolve([resolved(1, 0.6, true)])) },
      shadows: new MemoryShadowStore(),
      metrics: { count: () => undefined, gauge: (name, value) => gauges.push([name, value]) },
      now: T,
      logger: silentLogger,
    });

    expect(asked).toEqual(['ETH/BTC']);
    expect(results).toMatchObject([{ book: 'live', outcomes: 1, judged: false }]);
    expect(gauges).toEqual([]);
  });

  it('calls the main strategy\'s book "main" in shadow mode, and leaves out strategies that carry no pWin', () => {
    expect(calibratedBooks(config({ mode: 'shadow', strategy: { name: 'model', params: {} }, shadow: [{ id: 'rsi', strategy: 'rsi-mean-reversion' }] }))).toEqual([{ id: 'main', strategy: 'model' }]);
  });
});
