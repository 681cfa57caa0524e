import { describe, expect, it } from 'vitest';
import { BotConfigSchema } from '../../../../lib/domain/botConfig.js';
import type { Plan } from '../../../../lib/domain/plan.js';
import type { RuntimeConfig } from '../../../../lib/domain/runtimeConfig.js';
import { bookRecord } from '../../../../lib/runtime/retrain/bookRecord.js';
import type { RuntimeConfigDocument } from '../../../../lib/runtime/retrain/challengerShadow.js';
import { challengerSince, promoteChallenger } from '../../../../lib/runtime/retrain/promoteChallenger.js';
import { aPlan } from '../../../support/planFixture.js';

const SINCE = Date.parse('2026-12-01T12:00:00Z');
const CHECKPOINT = 's3://bucket/challengers/20261201T120000Z/model.onnx';
const { risk } = BotConfigSchema.parse({ botId: 'p', exchange: { id: 'binance' }, symbols: [{ symbol: 'LTC/BTC', timeframe: '5m' }] });
const LIVE_STRATEGY = { name: 'model', params: { minPWin: 0.4, maxCheckpointAgeDays: 30 }, checkpoint: 'models/default/model.onnx' };

function closed(id: string, pnl: string, exitReason: Plan['exitReason'], pWin: number, closedAt = SINCE + 60_000): Plan {
  return aPlan({ id, status: 'closed', avgEntryPrice: '0.02', filledAmount: '1', realizedPnl: pnl, exitReason, pWin, closedAt, openedAt: closedAt - 1 });
}

/** The runtime-config parameter, in memory: a unit test of the command's logic (the SSM adapter is tested on the local store). */
function documentHolding(config: RuntimeConfig) {
  const written: RuntimeConfig[] = [];
  const document: RuntimeConfigDocument = { parameterName: '/p/runtime-config', read: () => Promise.resolve(written.at(-1) ?? config), write: (c) => Promise.resolve(void written.push(c)) };
  return { document, written };
}

const challengerConfig: RuntimeConfig = { risk, strategy: LIVE_STRATEGY, shadow: [{ id: 'rsi', strategy: 'rsi-mean-reversion', params: {} }, { id: 'challenger', strategy: 'model', params: LIVE_STRATEGY.params, checkpoint: CHECKPOINT }] };
const challengerPlans = [closed('c1', '0.0004', 'target', 0.7), closed('c2', '-0.0002', 'stop', 0.4), closed('c3', '0.0001', 'max_age', 0.5), closed('old', '-1', 'stop', 0.9, SINCE - 1)];
const livePlans = [closed('l1', '-0.0003', 'stop', 0.6), closed('l2', '0.00005', 'target', 0.45)];

describe('bookRecord', () => {
  it('sums PnL exactly, and scores win rate, return on cost and calibration over the plans closed since', () => {
    const record = bookRecord('challenger', challengerPlans, SINCE, 200);

    expect(record).toMatchObject({ trades: 3, wins: 2, pnl: '0.0003', returnOnCost: '0.005' });
    expect(record.winRate).toBeCloseTo(2 / 3, 12);
    // Outcomes: 0.7 won, 0.4 lost, 0.5 lost (max age): Brier ((0.3)² + 0.4² + 0.5²) / 3 = 0.5 / 3.
    expect(record.calibration.outcomes).toBe(3);
    expect(record.calibration.brier).toBeCloseTo(0.5 / 3, 12);
    expect(record.calibration.logLoss).toBeCloseTo(-(Math.log(0.7) + Math.log(0.6) + Math.log(0.5)) / 3, 12);
    expect(record.calibration.ece).toBeCloseTo((0.3 + 0.4 + 0.5) / 3, 12);
  });
});

describe('promoteChallenger', () => {
  it('shows both records, and when told yes makes the challenger the live checkpoint and removes its shadow, other shadows kept', async () => {
    const { document, written } = documentHolding(challengerConfig);
    let shown = '';

    const outcome = await promoteChallenger({
      runtimeConfig: document,
      deployedShadows: [],
      liveClosedPlans: (since) => Promise.resolve(since === SINCE ? livePlans : []),
      challengerPlans: () => Promise.resolve(challengerPlans),
      calibrationWindow: 200,
      confirm: (text) => {
        shown = text;
        return Promise.resolve(true);
      },
    });

    expect(outcome.kind).toBe('promoted');
    expect(written).toEqual([{ risk, strategy: { ...LIVE_STRATEGY, checkpoint: CHECKPOINT }, shadow: [{ id: 'rsi', strategy: 'rsi-mean-reversion', params: {} }] }]);
    const lines = shown.split('\n');
    expect(lines[0]).toBe(`challenger ${CHECKPOINT}`);
    expect(lines[2]).toMatch(/^book\s+trades\s+return\s+win rate\s+PnL\s+outcomes\s+Brier\s+log-loss\s+ECE$/);
    // Live: PnL −0.0003 + 0.00005 on a cost of 2 × 0.02; pWin 0.6 lost, 0.45 won: Brier (0.36 + 0.3025) / 2, log-loss −(ln 0.4 + ln 0.45) / 2, ECE (0.6 + 0.55) / 2.
    expect(lines[3]?.split(/\s{2,}/)).toEqual(['live (model models/default/model.onnx)', '2', '-0.00625', '50.00 %', '-0.00025', '2', '0.3313', '0.8574', '0.5750']);
    expect(lines[4]?.split(/\s{2,}/)).toEqual(['challenger', '3', '0.005', '66.67 %', '0.0003', '3', '0.1667', '0.5202', '0.4000']);
  });

  it('writes nothing when the operator says no', async () => {
    const { document, written } = documentHolding(challengerConfig);
    const outcome = await promoteChallenger({ runtimeConfig: document, deployedShadows: [], liveClosedPlans: () => Promise.resolve(livePlans), challengerPlans: () => Promise.resolve(challengerPlans), calibrationWindow: 200, confirm: () => Promise.resolve(false) });

    expect(outcome.kind).toBe('declined');
    expect(written).toEqual([]);
  });

  it('refuses without a challenger, and without a resolved plan of it since its window end', async () => {
    const none = documentHolding({ risk, strategy: LIVE_STRATEGY });
    const base = { deployedShadows: [], liveClosedPlans: () => Promise.resolve(livePlans), calibrationWindow: 200, confirm: () => Promise.resolve(true) };
    await expect(promoteChallenger({ ...base, runtimeConfig: none.document, challengerPlans: () => Promise.resolve(challengerPlans) })).rejects.toThrow(
      '/p/runtime-config: no shadow "challenger" with a checkpoint: nothing to promote (npm run retrain, or the scheduled retrain, adds one)',
    );
    const fresh = documentHolding(challengerConfig);
    await expect(promoteChallenger({ ...base, runtimeConfig: fresh.document, challengerPlans: () => Promise.resolve([challengerPlans[3]!]) })).rejects.toThrow(
      'challenger: no resolved shadow plan since 2026-12-01T12:00:00.000Z: no record to compare yet, nothing promoted',
    );
    expect([none.written, fresh.written]).toEqual([[], []]);
  });

  it('reads the challenger\'s start from its checkpoint key, and refuses a checkpoint the retrain job did not write', () => {
    expect(challengerSince(CHECKPOINT)).toBe(SINCE);
    expect(() => challengerSince('models/mine/model.onnx')).toThrow('models/mine/model.onnx is not a retrain checkpoint');
  });
});
