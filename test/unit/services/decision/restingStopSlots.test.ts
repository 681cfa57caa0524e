import { describe, expect, it, vi } from 'vitest';
import { FixedKillSwitch } from '../../../../lib/adapters/memory/FixedKillSwitch.js';
import { ManualClock } from '../../../../lib/adapters/memory/ManualClock.js';
import { MemoryLedgerStore } from '../../../../lib/adapters/memory/MemoryLedgerStore.js';
import { PaperExchange } from '../../../../lib/adapters/paper/PaperExchange.js';
import type { Candle } from '../../../../lib/domain/candle.js';
import { ArrayCandleWindow } from '../../../../lib/domain/candleWindow.js';
import { deriveClientOrderId } from '../../../../lib/domain/clientOrderId.js';
import { BacktestConfigSchema } from '../../../../lib/domain/config.js';
import type { OrderIntent } from '../../../../lib/domain/order.js';
import type { Plan } from '../../../../lib/domain/plan.js';
import { SCHEDULE_OFFSET_MS } from '../../../../lib/domain/scheduleOffset.js';
import { silentLogger } from '../../../../lib/ports/Logger.js';
import { isUnprotected } from '../../../../lib/runtime/lambda/heartbeat/unprotectedPlans.js';
import { DecisionCycle } from '../../../../lib/services/decision/DecisionCycle.js';
import { buildEntryIntent } from '../../../../lib/services/execution/buildIntent.js';
import type { Strategy } from '../../../../lib/strategy/Strategy.js';
import { aMarket } from '../../../support/marketFixture.js';
import { PLAN_OPENED_AT, aPlan } from '../../../support/planFixture.js';

/**
 * The decision cycle the backtest runs (memory ledger, paper venue) deciding 1m candles of
 * ETH/BTC for positions already held, with stops on the exchange and the venue's limit of
 * 5 resting stops a symbol. No strategy proposes: only the stops move.
 */
const MINUTE = 60_000;
const T0 = Date.UTC(2018, 0, 20, 6, 0);
const LIMIT = 5;
const config = BacktestConfigSchema.parse({ botId: 'test', risk: { maxSymbolExposurePct: 1, maxTotalExposurePct: 1 }, execution: { stops: 'exchange', maxRestingStopsPerSymbol: LIMIT, paperSlippagePct: 0 } });
const quiet: Strategy = { name: 'quiet', warmupCandles: 1, evaluate: () => [] };
const FLAT = { open: 0.1, high: 0.1, low: 0.1, close: 0.1 };

/** Plan `n` bought 1 ETH, its stop at 0.09 (a target far off); the lower `n`, the older. */
function held(n: number, overrides: Partial<Plan> = {}): Plan {
  return aPlan({ id: `test-plan000${n}`, createdAt: PLAN_OPENED_AT - (10 - n) * MINUTE, stop: '0.09', activeStop: '0.09', target: '0.2', ...overrides });
}

const stopId = (plan: Plan, attempt: number) => deriveClientOrderId('test', plan.id, 'stop', attempt);

/**
 * The plans' entries are bought on the venue at 0.1 as the candle opening at PLAN_OPENED_AT
 * starts, so its fills back them (settlement books an exit from them): each holds 0.999 ETH,
 * its 0.1 % fee off. The ledger starts with the plans open, listed in the order given.
 */
async function harness(entered: readonly Plan[]) {
  const exchange = new PaperExchange({ markets: [aMarket()], balances: { BTC: '1' }, slippagePct: 0 });
  exchange.onCandle('ETH/BTC', { openTime: PLAN_OPENED_AT - MINUTE, ...FLAT, volume: 1 });
  for (const plan of entered) await exchange.createOrder(buildEntryIntent({ ...plan, status: 'approved' }, PLAN_OPENED_AT));
  exchange.onCandle('ETH/BTC', { openTime: PLAN_OPENED_AT, ...FLAT, volume: 1 });
  const plans = entered.map((plan) => ({ ...plan, filledAmount: '0.999' }));
  const ledger = new MemoryLedgerStore({ ledgerVersion: 1, livePlans: plans, lastStopOutAt: {}, decidedUpTo: {} });
  const clock = new ManualClock();
  const cycle = new DecisionCycle({
    ledger,
    exchange,
    killSwitch: new FixedKillSwitch('RUN'),
    clock,
    config,
    strategy: quiet,
    windows: { advance: (_symbol, _timeframe, candle) => ArrayCandleWindow.of([candle]) },
    recordSkipped: () => Promise.resolve(),
    logger: silentLogger,
  });
  const place = exchange.createOrder.bind(exchange);
  const sent: OrderIntent[] = [];
  const venue = { refusesStops: false };
  vi.spyOn(exchange, 'createOrder').mockImplementation((intent) => {
    sent.push(intent);
    if (venue.refusesStops && intent.type === 'stop_market') return Promise.resolve({ kind: 'rejected', reason: 'Too many new orders (MAX_NUM_ALGO_ORDERS)' });
    return place(intent);
  });
  const restingStopIds = async () => (await exchange.fetchOpenOrders('ETH/BTC')).filter((o) => o.type === 'stop_market').map((o) => o.clientOrderId).sort();
  let mostResting = 0;
  let minute = 0;
  /** The venue sees the candle close, then the cycle decides it as the deployed bot would. */
  const decide = async (prices: Omit<Candle, 'openTime' | 'volume'> = FLAT) => {
    const candle: Candle = { openTime: T0 + minute++ * MINUTE, ...prices, volume: 1 };
    clock.set(candle.openTime + MINUTE + SCHEDULE_OFFSET_MS);
    exchange.onCandle('ETH/BTC', candle);
    const outcome = await cycle.decide('ETH/BTC', '1m', candle);
    expect(outcome.kind).not.toBe('skipped');
    mostResting = Math.max(mostResting, (await restingStopIds()).length);
  };
  const planNow = (plan: Plan) => ledger.livePlans().find((p) => p.id === plan.id);
  const stopsSentFor = (plan: Plan) => sent.filter((i) => i.planId === plan.id && i.type === 'stop_market').map((i) => [i.clientOrderId, i.stopPrice]);
  const unprotected = async (plan: Plan) => {
    const venueOpenIds = new Set((await exchange.fetchOpenOrders()).map((o) => o.clientOrderId));
    const current = planNow(plan);
    if (current === undefined) throw new Error(`${plan.id} is not live`);
    return isUnprotected(current, { botStatus: 'ACTIVE', killSwitch: 'RUN', freshSeries: new Set(['ETH/BTC#1m']), venueOpenIds });
  };
  return { ledger, sent, venue, decide, planNow, stopsSentFor, restingStopIds, unprotected, mostResting: () => mostResting };
}

describe('Class: DecisionCycle', () => {
  describe("Method: decide, with stops on the exchange and the venue's limit of resting stops", () => {
    it('keeps the sixth plan bot-managed without sending its stop, then rests it on the candle that sees one of the five close', async () => {
      // Listed out of age order, as a ledger may list them: the five oldest take the slots.
      const [p1, p2, p3, p4, p5, p6] = [held(1, { stop: '0.098', activeStop: '0.098' }), held(2), held(3), held(4), held(5), held(6)] as [Plan, Plan, Plan, Plan, Plan, Plan];
      const h = await harness([p6, p3, p1, p5, p2, p4]);

      await h.decide();

      expect(h.sent.map((i) => i.clientOrderId)).toEqual([p1, p2, p3, p4, p5].map((p) => stopId(p, 0)));
      expect(await h.restingStopIds()).toEqual([p1, p2, p3, p4, p5].map((p) => stopId(p, 0)).sort());
      expect(h.planNow(p6)).toMatchObject({ botManagedStop: "5 stops already rest on ETH/BTC, the venue's limit", botManagedCause: { kind: 'stop_limit', resting: 5, limit: 5 }, exitAttempt: 0 });
      expect(h.planNow(p6)?.restingStop).toBeUndefined();
      expect(await h.unprotected(p6)).toBe(true);

      // No slot frees: the waiting plan asks for nothing, and nothing is written for it.
      const waiting = h.planNow(p6);
      await h.decide();
      expect(h.sent).toHaveLength(5);
      expect(h.planNow(p6)).toBe(waiting);

      // Plan 1's stop at 0.098 sells on this candle's low (the others rest at 0.09): the
      // decision settles plan 1 closed, and plan 6's stop takes the slot it left.
      await h.decide({ open: 0.1, high: 0.1, low: 0.097, close: 0.1 });

      expect(h.ledger.closedPlans.map((p) => [p.id, p.exitReason])).toEqual([[p1.id, 'stop']]);
      expect(h.sent.map((i) => i.clientOrderId)).toEqual([...[p1, p2, p3, p4, p5].map((p) => stopId(p, 0)), stopId(p6, 0)]);
      expect(h.stopsSentFor(p6)).toEqual([[stopId(p6, 0), '0.09']]);
      expect(h.planNow(p6)?.restingStop).toMatchObject({ attempt: 0, stopPrice: '0.09', amount: '0.999' });
      expect(h.planNow(p6)?.botManagedStop).toBeUndefined();
      expect(h.planNow(p6)?.botManagedCause).toBeUndefined();
      expect(await h.restingStopIds()).toEqual([p2, p3, p4, p5, p6].map((p) => stopId(p, 0)).sort());
      expect(await h.unprotected(p6)).toBe(false);
      expect(h.mostResting()).toBe(LIMIT);

      // Nothing more is sent while all five rest.
      await h.decide();
      expect(h.sent).toHaveLength(6);
    });

    it('gives the slots that free to the waiting plans oldest first, never more than the limit in one decision', async () => {
      const plans = [held(1, { stop: '0.098', activeStop: '0.098' }), held(2, { stop: '0.098', activeStop: '0.098' }), held(3), held(4), held(5), held(6), held(7), held(8)];
      const [p1, p2, p3, p4, p5, p6, p7, p8] = plans as [Plan, Plan, Plan, Plan, Plan, Plan, Plan, Plan];
      const h = await harness([p8, p7, p6, p5, p4, p3, p2, p1]);

      await h.decide();
      expect(h.sent.map((i) => i.clientOrderId)).toEqual([p1, p2, p3, p4, p5].map((p) => stopId(p, 0)));
      expect([p6, p7, p8].map((p) => h.planNow(p)?.botManagedCause)).toEqual([p6, p7, p8].map(() => ({ kind: 'stop_limit', resting: 5, limit: 5 })));

      const p8Waiting = h.planNow(p8);
      // A stop rests from the candle after the one it was placed in. Then plans 1 and 2 stop out together: two slots, three waiting.
      await h.decide();
      expect(h.sent).toHaveLength(5);
      await h.decide({ open: 0.1, high: 0.1, low: 0.097, close: 0.1 });

      expect(h.ledger.closedPlans.map((p) => p.id).sort()).toEqual([p1.id, p2.id]);
      expect(h.sent.slice(5).map((i) => i.clientOrderId)).toEqual([stopId(p6, 0), stopId(p7, 0)]);
      expect(await h.restingStopIds()).toEqual([p3, p4, p5, p6, p7].map((p) => stopId(p, 0)).sort());
      // Plan 8 waits as it was: not sent, nor marked again.
      expect(h.planNow(p8)).toBe(p8Waiting);
      expect(await h.unprotected(p8)).toBe(true);
      expect(h.mostResting()).toBe(LIMIT);
    });

    it('never sends a refused stop again at its level, and tries once at each level the trail moves it to', async () => {
      const trailing = held(1, { trailingStopPct: '0.1', highWatermark: '0.1' });
      const h = await harness([trailing]);
      h.venue.refusesStops = true;

      await h.decide();
      await h.decide();
      await h.decide();

      expect(h.stopsSentFor(trailing)).toEqual([[stopId(trailing, 0), '0.09']]);
      expect(h.planNow(trailing)).toMatchObject({ botManagedStop: 'the venue refused the stop: Too many new orders (MAX_NUM_ALGO_ORDERS)', botManagedCause: { kind: 'refused', stopPrice: '0.09' }, exitAttempt: 1 });
      expect(await h.unprotected(trailing)).toBe(true);

      // The trail moves the stop to 0.105 × 0.9 = 0.0945: a new order, sent once under the next attempt, refused in turn.
      await h.decide({ open: 0.1, high: 0.105, low: 0.1, close: 0.104 });
      await h.decide({ open: 0.104, high: 0.104, low: 0.104, close: 0.104 });
      await h.decide({ open: 0.104, high: 0.104, low: 0.104, close: 0.104 });

      expect(h.stopsSentFor(trailing)).toEqual([[stopId(trailing, 0), '0.09'], [stopId(trailing, 1), '0.0945']]);
      expect(h.planNow(trailing)).toMatchObject({ activeStop: '0.0945', botManagedCause: { kind: 'refused', stopPrice: '0.0945' }, exitAttempt: 2 });

      // The venue takes stops again, but nothing is sent until the level moves: 0.11 × 0.9 = 0.099.
      h.venue.refusesStops = false;
      await h.decide({ open: 0.104, high: 0.104, low: 0.104, close: 0.104 });
      expect(h.sent).toHaveLength(2);
      await h.decide({ open: 0.104, high: 0.11, low: 0.104, close: 0.108 });

      expect(h.stopsSentFor(trailing)).toEqual([[stopId(trailing, 0), '0.09'], [stopId(trailing, 1), '0.0945'], [stopId(trailing, 2), '0.099']]);
      expect(h.planNow(trailing)?.restingStop).toMatchObject({ attempt: 2, stopPrice: '0.099', amount: '0.999' });
      expect(h.planNow(trailing)?.botManagedStop).toBeUndefined();
      expect(h.planNow(trailing)?.botManagedCause).toBeUndefined();
      expect(await h.restingStopIds()).toEqual([stopId(trailing, 2)]);
      expect(await h.unprotected(trailing)).toBe(false);
    });
  });
});
