import { afterEach, describe, expect, it } from 'vitest';
import { FixedKillSwitch } from '../../../../lib/adapters/memory/FixedKillSwitch.js';
import { deriveClientOrderId } from '../../../../lib/domain/clientOrderId.js';
import { ExecutionConfigSchema } from '../../../../lib/domain/config.js';
import type { Plan } from '../../../../lib/domain/plan.js';
import { silentLogger } from '../../../../lib/ports/Logger.js';
import { settlePendingOrders } from '../../../../lib/services/decision/settlePendingOrders.js';
import { ExecutionService } from '../../../../lib/services/execution/ExecutionService.js';
import { MemoryOrderRepository } from '../../../support/memory/MemoryOrderRepository.js';
import { type GatewayHarness, candle, closeOf, startGateway } from './ccxtSimFixture.js';

const BOT = 'it';
const PLAN_ID = 'it-partial01';
const entryId = deriveClientOrderId(BOT, PLAN_ID, 'entry', 0);
const stopId = (attempt: number) => deriveClientOrderId(BOT, PLAN_ID, 'stop', attempt);

function enteringPlan(createdAt: number, stop: string): Plan {
  return {
    id: PLAN_ID,
    botId: BOT,
    symbol: 'LTC/BTC',
    timeframe: '5m',
    strategy: 'fixture',
    side: 'long',
    status: 'entering',
    reason: 'fixture',
    candleOpenTime: createdAt - 300_000,
    createdAt,
    updatedAt: createdAt,
    version: 2,
    entry: '0.01690701',
    stop,
    target: '0.018',
    amount: '1',
    entryAttempt: 0,
    exitAttempt: 0,
  };
}

/**
 * The real ccxt client on the Binance simulator with partial fills on: a resting entry fills
 * 0.4 of its amount per candle, so a plan can hold a position while its entry still works.
 */
describe('Resting stops through ccxt on the Binance simulator', () => {
  let h: GatewayHarness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  async function partlyFilledEntry(stop = '0.01702'): Promise<Plan> {
    h = await startGateway({}, { partialFills: { maxFillFractionPerCandle: '0.4' } });
    const plan = enteringPlan(h.sim.now(), stop);
    // A limit buy under the ask rests; candle 1's low reaches it and 0.4 fills, as a maker.
    const outcome = await h.gateway.createOrder({ clientOrderId: entryId, botId: BOT, planId: PLAN_ID, leg: 'entry', attempt: 0, symbol: 'LTC/BTC', side: 'buy', type: 'limit', amount: '1', price: '0.01690701', createdAt: h.sim.now() });
    expect(outcome.kind).toBe('acknowledged');
    h.sim.advanceTo(closeOf(1));
    return plan;
  }

  it('cancels the unfilled rest of a partly filled entry and opens the plan on what filled', async () => {
    const plan = await partlyFilledEntry();

    const settlement = await settlePendingOrders('LTC/BTC', [plan], h!.gateway, h!.sim.now(), silentLogger, 0);

    // 0.4 LTC bought, the maker fee 0.4 × 0.001 = 0.0004 charged in LTC: 0.3996 held.
    expect(settlement.plans).toMatchObject([{ status: 'open', filledAmount: '0.3996', avgEntryPrice: '0.01690701', activeStop: '0.01702', openedAt: candle(1).openTime }]);
    expect(settlement.orders).toMatchObject([{ clientOrderId: entryId, status: 'canceled', filled: '0.4', amount: '1' }]);
    expect(h!.sim.orders().find((o) => o.clientOrderId === entryId)).toMatchObject({ status: 'CANCELED', executedQty: '0.4' });
  });

  it('lets the rest work while it is younger than partialEntryRestMs: the plan stays entering and nothing is cancelled', async () => {
    const plan = await partlyFilledEntry();

    const settlement = await settlePendingOrders('LTC/BTC', [plan], h!.gateway, h!.sim.now(), silentLogger, 60 * 60_000);

    expect(settlement.plans).toEqual([]);
    expect(h!.sim.orders().find((o) => o.clientOrderId === entryId)).toMatchObject({ status: 'PARTIALLY_FILLED', executedQty: '0.4' });
  });

  function executionOn(gateway: GatewayHarness, orders: MemoryOrderRepository): ExecutionService {
    return new ExecutionService({
      exchange: gateway.gateway,
      orders,
      killSwitch: new FixedKillSwitch('RUN'),
      clock: { now: () => gateway.sim.now() },
      config: ExecutionConfigSchema.parse({}),
      logger: silentLogger,
    });
  }

  it('rests a stop-loss-limit for the filled part, which sells inside the candle that reaches it; settlement closes the plan as a stop-out', async () => {
    const plan = await partlyFilledEntry('0.017015');
    const [open] = (await settlePendingOrders('LTC/BTC', [plan], h!.gateway, h!.sim.now(), silentLogger, 0)).plans;
    const orders = new MemoryOrderRepository();

    const placed = await executionOn(h!, orders).restStop(open!, 0);

    expect(placed.plan.restingStop).toMatchObject({ attempt: 0, stopPrice: '0.017015', amount: '0.399' });
    // Trigger 0.017015; limit 0.017015 × 0.995 = 0.016929925, down to the tick: 0.01692992.
    expect(h!.sim.orders().filter((o) => o.clientOrderId === stopId(0))).toMatchObject([{ type: 'STOP_LOSS_LIMIT', side: 'SELL', origQty: '0.399', stopPrice: '0.017015', price: '0.01692992', status: 'NEW' }]);
    expect(await orders.getIntent(stopId(0))).toMatchObject({ leg: 'stop', type: 'stop_market', amount: '0.399' });

    // Candle 2 opens at 0.01702 and trades down to 0.01701: the stop triggers at 0.017015 and
    // takes the bid there, 0.017015 × 0.999 = 0.016997985 → 0.01699798 (within its limit), dated
    // at the candle's open; partial fills cap it at 0.4 of 0.399 → 0.159. The plan holds the
    // rest, still protected: settlement leaves it while the stop works.
    h!.sim.advanceTo(closeOf(2));
    expect((await settlePendingOrders('LTC/BTC', [placed.plan], h!.gateway, h!.sim.now(), silentLogger, 0)).plans).toEqual([]);
    // Triggered, it works as a limit at 0.01692992, which candles 3 and 4 reach: 0.159, then the last 0.081, as a maker.
    h!.sim.advanceTo(closeOf(4));
    const settlement = await settlePendingOrders('LTC/BTC', [placed.plan], h!.gateway, h!.sim.now(), silentLogger, 0);

    expect(settlement.fills.map((f) => [f.amount, f.price, f.timestamp])).toEqual([
      ['0.159', '0.01699798', candle(2).openTime],
      ['0.159', '0.01692992', candle(3).openTime],
      ['0.081', '0.01692992', candle(4).openTime],
    ]);
    // 0.0006 LTC is left, under the market's minimum 0.01: the plan closes, that dust written off.
    expect(settlement.plans).toMatchObject([{ status: 'closed', exitReason: 'stop', filledAmount: '0.0006', closedAt: candle(4).openTime }]);
    expect(settlement.plans[0]?.restingStop).toBeUndefined();
    expect(settlement.stopOuts.get('LTC/BTC')).toBe(candle(4).openTime);
  });

  it('sells at market at once when the venue refuses a stop the price has already reached, and never sends that stop again', async () => {
    const plan = await partlyFilledEntry('0.01702');
    const [open] = (await settlePendingOrders('LTC/BTC', [plan], h!.gateway, h!.sim.now(), silentLogger, 0)).plans;

    // Candle 2 opens at 0.01702, the stop: the venue refuses it as one that would trigger at once.
    const placed = await executionOn(h!, new MemoryOrderRepository()).restStop(open!, 0);

    expect(placed.orders.map((o) => [o.clientOrderId, o.outcome])).toEqual([
      [stopId(0), 'rejected'],
      [stopId(1), 'acknowledged'],
    ]);
    expect(placed.orders[0]?.reason).toMatch(/Stop price would trigger immediately/);
    expect(placed.plan).toMatchObject({ status: 'exiting', exitReason: 'stop', exitAttempt: 1 });
    expect(h!.sim.orders().filter((o) => o.side === 'SELL').map((o) => [o.clientOrderId, o.type, o.status, o.executedQty])).toEqual([[stopId(1), 'MARKET', 'FILLED', '0.399']]);
  });

  it('adopts the market exit an earlier run of the decision sent when its stop, refused under a spent id, is no longer passed: the plan exits on it, never bot-managed while sold', async () => {
    const plan = await partlyFilledEntry('0.01702');
    const [open] = (await settlePendingOrders('LTC/BTC', [plan], h!.gateway, h!.sim.now(), silentLogger, 0)).plans;
    // The first run: s0 refused as passed, s1 sold 0.399 at market; then its commit failed.
    const firstRun = new MemoryOrderRepository();
    await executionOn(h!, firstRun).restStop(open!, 0);
    // What the ledger kept of it: both intents (written before sending) and s0's rejection (recorded at once).
    const ledger = new MemoryOrderRepository();
    for (const id of [stopId(0), stopId(1)]) await ledger.insertIntent((await firstRun.getIntent(id))!);
    await ledger.recordOrder((await firstRun.getOrder(stopId(0)))!);

    // The redelivered decision runs a candle later, with the price back above the stop (candle 2 closes at 0.01721996).
    h!.sim.advanceTo(closeOf(2));
    const retried = await executionOn(h!, ledger).restStop(open!, 0);

    expect(retried.orders.map((o) => [o.clientOrderId, o.outcome])).toEqual([
      [stopId(0), 'rejected'],
      [stopId(1), 'acknowledged'],
    ]);
    expect(retried.plan).toMatchObject({ status: 'exiting', exitReason: 'stop', exitAttempt: 1 });
    expect(retried.plan.botManagedStop).toBeUndefined();
    expect(h!.sim.orders().filter((o) => o.side === 'SELL').map((o) => [o.clientOrderId, o.type, o.status, o.executedQty])).toEqual([[stopId(1), 'MARKET', 'FILLED', '0.399']]);
    // Settlement closes it on that sale: 0.3996 held, 0.399 sold, the 0.0006 left under the minimum written off.
    const settlement = await settlePendingOrders('LTC/BTC', [retried.plan], h!.gateway, h!.sim.now(), silentLogger, 0);
    expect(settlement.fills.map((f) => [f.clientOrderId, f.amount])).toEqual([[stopId(1), '0.399']]);
    expect(settlement.plans).toMatchObject([{ status: 'closed', exitReason: 'stop', filledAmount: '0.0006' }]);
  });
});
