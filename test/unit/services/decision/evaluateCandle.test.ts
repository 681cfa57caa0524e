import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../lib/domain/candle.js';
import { ArrayCandleWindow } from '../../../../lib/domain/candleWindow.js';
import { RiskConfigSchema } from '../../../../lib/domain/config.js';
import { dec } from '../../../../lib/domain/decimal.js';
import type { KillSwitchState } from '../../../../lib/domain/killSwitch.js';
import type { Plan, PlanProposal } from '../../../../lib/domain/plan.js';
import { type CandleEvaluationInput, evaluateCandle } from '../../../../lib/services/decision/evaluateCandle.js';
import type { RiskContext } from '../../../../lib/services/risk/RiskContext.js';
import type { Strategy } from '../../../../lib/strategy/Strategy.js';
import { aMarket } from '../../../support/marketFixture.js';
import { aPlan } from '../../../support/planFixture.js';

const T0 = Date.UTC(2018, 0, 20, 6, 0);
const candle: Candle = { openTime: T0, open: 0.1, high: 0.101, low: 0.094, close: 0.1000004, volume: 1 };

function strategyProposing(proposals: PlanProposal[], warmupCandles = 1): Strategy & { calls: number } {
  return {
    name: 'fixture',
    warmupCandles,
    calls: 0,
    evaluate() {
      this.calls++;
      return proposals;
    },
  };
}

const long: PlanProposal = { symbol: 'ETH/BTC', side: 'long', entry: 0.1000004, stop: 0.0980004, target: 0.1050004, reason: 'fixture long' };

function input(overrides: { strategy?: Strategy; openPlans?: Plan[]; killSwitch?: KillSwitchState; window?: Candle[]; stops?: 'exchange' | 'bot'; maxRestingStops?: number }): CandleEvaluationInput {
  const openPlans = overrides.openPlans ?? [];
  const killSwitch = overrides.killSwitch ?? 'RUN';
  const risk: RiskContext = {
    now: T0 + 60_000,
    killSwitch,
    config: RiskConfigSchema.parse({ maxSymbolExposurePct: 1, maxTotalExposurePct: 1 }),
    market: aMarket(),
    equity: dec(1),
    quoteFree: dec(1),
    livePlans: openPlans,
    exposureBySymbol: new Map(),
    daily: { day: '2018-01-20', startEquity: '1', limitHit: false },
    lastStopOutAt: new Map(),
  };
  return {
    botId: 'test',
    stops: overrides.stops ?? 'bot',
    maxRestingStops: overrides.maxRestingStops ?? 5,
    symbol: 'ETH/BTC',
    timeframe: '1m',
    timeframeMs: 60_000,
    candle,
    market: aMarket(),
    window: ArrayCandleWindow.of(overrides.window ?? [candle]),
    strategy: overrides.strategy ?? strategyProposing([]),
    openPlans,
    balances: { BTC: '1' },
    killSwitch,
    riskContext: () => risk,
    now: T0 + 60_000,
  };
}

describe('Function: evaluateCandle', () => {
  it('approves a proposal with levels rounded to the tick, the size risk gave it, and a deterministic id', async () => {
    const first = await evaluateCandle(input({ strategy: strategyProposing([long]) }));
    const again = await evaluateCandle(input({ strategy: strategyProposing([long]) }));
    expect(first.approved).toHaveLength(1);
    // Risk 0.01 BTC over 0.1 - 0.098 = 0.002 per ETH: exactly 5 ETH.
    expect(first.approved[0]).toMatchObject({ status: 'approved', entry: '0.1', stop: '0.098', target: '0.105', amount: '5', version: 2 });
    expect(first.approved[0]?.id).toBe(again.approved[0]?.id);
    // The verdict keeps the strategy's floats and, beside them, the rounded levels the plan trades at.
    expect(first.verdicts).toEqual([{ proposal: long, approved: true, planId: first.approved[0]?.id, amount: '5', levels: { entry: '0.1', stop: '0.098', target: '0.105' } }]);
  });

  it('exits a plan whose stop the candle reached, and rejects a new entry on the same symbol as stacking', async () => {
    const open = aPlan();
    const result = await evaluateCandle(input({ strategy: strategyProposing([long]), openPlans: [open] }));
    expect(result.exits).toEqual([{ plan: open, exit: { planId: open.id, reason: 'stop', price: '0.095', orderType: 'market' } }]);
    expect(result.approved).toEqual([]);
    expect(result.rejected).toEqual([{ proposal: long, rejection: { code: 'stacking', existingPlanId: open.id } }]);
  });

  it('exits every open plan of the symbol at market under FLATTEN, and refuses entries', async () => {
    const open = aPlan({ stop: '0.09', activeStop: '0.09' });
    const result = await evaluateCandle(input({ strategy: strategyProposing([long]), openPlans: [open], killSwitch: 'FLATTEN' }));
    expect(result.exits.map((e) => e.exit)).toEqual([{ planId: open.id, reason: 'flatten', price: '0.1', orderType: 'market' }]);
    expect(result.rejected[0]?.rejection).toEqual({ code: 'kill_switch', state: 'FLATTEN' });
  });

  it('does not ask the strategy before the window holds its warm-up', async () => {
    const strategy = strategyProposing([long], 2);
    const result = await evaluateCandle(input({ strategy }));
    expect(strategy.calls).toBe(0);
    expect(result.approved).toEqual([]);
  });

  it('counts a plan approved on this candle against the next proposal', async () => {
    const result = await evaluateCandle(input({ strategy: strategyProposing([long, { ...long, reason: 'second' }]) }));
    expect(result.approved).toHaveLength(1);
    expect(result.rejected[0]?.rejection.code).toBe('stacking');
  });

  it('returns plans whose trailing stop moved', async () => {
    const trailing = aPlan({ stop: '0.09', activeStop: '0.09', trailingStopPct: '0.05' });
    const result = await evaluateCandle(input({ openPlans: [trailing] }));
    // High 0.101 × 0.95 = 0.09595, on the tick.
    expect(result.updatedPlans).toHaveLength(1);
    expect(result.updatedPlans[0]).toMatchObject({ activeStop: '0.09595', highWatermark: '0.101', version: trailing.version + 1 });
  });

  describe('with stops on the exchange', () => {
    // The candle's low 0.094 reaches a stop at 0.095: these plans stop lower, so none exits.
    const held = aPlan({ stop: '0.09', activeStop: '0.09', target: '0.2' });
    const resting = { attempt: 0, stopPrice: '0.09', amount: '1', placedAt: T0 };

    it('rests a stop for an open position that has none, and none again for one whose stop the venue refused', async () => {
      const evaluation = await evaluateCandle(input({ stops: 'exchange', openPlans: [held, { ...held, id: 'test-refused', botManagedStop: 'the venue refused the stop' }] }));
      expect(evaluation.stops.map((s) => [s.plan.id, s.action])).toEqual([[held.id, 'place']]);
    });

    describe("a plan kept off the venue by its limit of resting stops (2 here)", () => {
      const atLimit = { botManagedStop: "2 stops already rest on ETH/BTC, the venue's limit", botManagedCause: { kind: 'stop_limit', resting: 2, limit: 2 } as const };
      const restingA = { ...held, id: 'test-restingA', restingStop: resting };
      const restingB = { ...held, id: 'test-restingB', restingStop: resting };
      const older = { ...held, ...atLimit, id: 'test-waitsZ', createdAt: held.createdAt - 60_000 };
      const newer = { ...held, ...atLimit, id: 'test-waitsA', createdAt: held.createdAt };

      it('asks for nothing while the limit is reached: the candle stays quiet', async () => {
        const evaluation = await evaluateCandle(input({ stops: 'exchange', maxRestingStops: 2, openPlans: [restingA, newer, restingB] }));
        expect(evaluation.stops).toEqual([]);
        expect(evaluation.updatedPlans).toEqual([]);
      });

      it('asks to place the waiting stops, oldest plan first, once a slot is free', async () => {
        const evaluation = await evaluateCandle(input({ stops: 'exchange', maxRestingStops: 2, openPlans: [restingA, newer, older] }));
        expect(evaluation.stops.map((s) => [s.plan.id, s.action])).toEqual([
          [older.id, 'place'],
          [newer.id, 'place'],
        ]);
      });

      it('counts a slot as free when the plan holding it exits on this candle (its stop is cancelled first)', async () => {
        const leaving = { ...restingB, stop: '0.095', activeStop: '0.095', restingStop: { ...resting, stopPrice: '0.095' } };
        const evaluation = await evaluateCandle(input({ stops: 'exchange', maxRestingStops: 2, openPlans: [restingA, leaving, newer] }));
        expect(evaluation.exits.map((e) => e.plan.id)).toEqual([leaving.id]);
        expect(evaluation.stops.map((s) => [s.plan.id, s.action])).toEqual([[newer.id, 'place']]);
      });
    });

    it('places the stops of positions without one oldest plan first, after the moves, whatever order the ledger lists them in', async () => {
      const trailing = { ...held, id: 'test-trailing', restingStop: resting, activeStop: '0.0905' };
      const young = { ...held, id: 'test-a-young', createdAt: held.createdAt + 60_000 };
      const old = { ...held, id: 'test-z-old', createdAt: held.createdAt - 60_000 };
      const twin = { ...held, id: 'test-b-twin', createdAt: held.createdAt - 60_000 };
      const evaluation = await evaluateCandle(input({ stops: 'exchange', openPlans: [young, twin, trailing, old] }));
      expect(evaluation.stops.map((s) => [s.plan.id, s.action])).toEqual([
        [trailing.id, 'move'],
        [twin.id, 'place'],
        [old.id, 'place'],
        [young.id, 'place'],
      ]);
    });

    it('sends no stop again at the level the venue refused, nor for a position under the minimum; one at the level the trail moved it to', async () => {
      const refused = { ...held, id: 'test-refused', exitAttempt: 1, botManagedStop: 'the venue refused the stop: x', botManagedCause: { kind: 'refused', stopPrice: '0.09' } as const };
      const small = { ...held, id: 'test-small', filledAmount: '0.0005', botManagedStop: "holds 0.0005, under the market's minimum order 0.001", botManagedCause: { kind: 'below_minimum', held: '0.0005', minAmount: '0.001' } as const };
      expect((await evaluateCandle(input({ stops: 'exchange', openPlans: [refused, small] }))).stops).toEqual([]);

      const trailed = { ...refused, activeStop: '0.0905' };
      const evaluation = await evaluateCandle(input({ stops: 'exchange', openPlans: [trailed, small] }));
      expect(evaluation.stops.map((s) => [s.plan.id, s.action, s.plan.activeStop])).toEqual([[trailed.id, 'place', '0.0905']]);
    });

    it('moves a resting stop the trail left behind, leaves one in place, and sends none under HALT or with bot-managed stops', async () => {
      const trailing = { ...held, id: 'test-trailing', restingStop: resting, activeStop: '0.0905' };
      const still = { ...held, id: 'test-still', restingStop: resting };
      const evaluation = await evaluateCandle(input({ stops: 'exchange', openPlans: [trailing, still] }));
      expect(evaluation.stops.map((s) => [s.plan.id, s.action])).toEqual([[trailing.id, 'move']]);
      expect((await evaluateCandle(input({ stops: 'exchange', killSwitch: 'HALT', openPlans: [held] }))).stops).toEqual([]);
      expect((await evaluateCandle(input({ stops: 'bot', openPlans: [held] }))).stops).toEqual([]);
    });

    it('exits at market a plan whose resting stop did not sell on a candle through it, and rests no stop for it', async () => {
      const passed = { ...aPlan(), restingStop: { ...resting, stopPrice: '0.095' } };
      const evaluation = await evaluateCandle(input({ stops: 'exchange', openPlans: [passed] }));
      expect(evaluation.exits.map((e) => [e.plan.id, e.exit.reason, e.exit.orderType])).toEqual([[passed.id, 'stop', 'market']]);
      expect(evaluation.stops).toEqual([]);
    });
  });
});
