import { afterEach, describe, expect, it } from 'vitest';
import { CcxtExchange } from '../../../../../lib/adapters/ccxt/CcxtExchange.js';
import { FixedKillSwitch } from '../../../../../lib/adapters/memory/FixedKillSwitch.js';
import { ExecutionConfigSchema } from '../../../../../lib/domain/config.js';
import { dec } from '../../../../../lib/domain/decimal.js';
import type { Fill } from '../../../../../lib/domain/order.js';
import type { Plan } from '../../../../../lib/domain/plan.js';
import { type ExchangeSimulator, connectCcxtBinance, startExchangeSimulator } from '../../../../../lib/local/exchange-sim/index.js';
import { silentLogger } from '../../../../../lib/ports/Logger.js';
import type { ReconciliationCommit } from '../../../../../lib/ports/ReconciliationLedger.js';
import { MAX_MARKET_EXITS_PER_REPAIR, protectPositionRepair } from '../../../../../lib/runtime/lambda/reconcile/protectPositionRepair.js';
import { buildEntryIntent } from '../../../../../lib/services/execution/buildIntent.js';
import { settleOrder } from '../../../../../lib/services/execution/settleOrder.js';
import type { ProtectPositionRepair } from '../../../../../lib/services/reconciliation/findings.js';
import { LTC_CANDLES, LTC_MARKET, closeOf } from '../../../../integration/local/exchange-sim/simFixture.js';
import { MemoryOrderRepository } from '../../../../support/memory/MemoryOrderRepository.js';
import { MemoryPlanRepository } from '../../../../support/memory/MemoryPlanRepository.js';
import { aPlan } from '../../../../support/planFixture.js';

let sim: ExchangeSimulator | undefined;
afterEach(async () => sim?.stop());

/** The real LTC/BTC candles, but 10000 LTC traded in candle 2: a deep book to enter on. */
const CANDLES = LTC_CANDLES.map((c, index) => (index === 2 ? { ...c, volume: 10_000 } : c));

/**
 * A plan that bought `amount` LTC at market after candle 2 (10000 LTC traded) on a venue whose
 * book holds `levelVolumeFraction` of the last candle's volume at each of five levels, its stop
 * (0.0175) above the price once candle 26 (166.24 LTC) has closed: the repair's world, with the
 * exchange simulator behind the real ccxt client and the ledger in memory.
 */
async function aPositionThroughItsStop(amount: string, levelVolumeFraction: string, market = LTC_MARKET) {
  sim = await startExchangeSimulator({
    series: [{ symbol: 'LTC/BTC', timeframe: '5m', candles: CANDLES }],
    markets: [market],
    balances: { BTC: '1', LTC: '0' },
    fills: { marketDepth: { levels: 5, levelTicks: 2, levelVolumeFraction } },
  });
  const venueSim = sim;
  const clock = { now: () => venueSim.now() };
  const exchange = new CcxtExchange({ exchangeId: 'binance' }, { client: connectCcxtBinance(venueSim, { timeoutMs: 5_000 }), clock, logger: silentLogger, secrets: [venueSim.apiKey, venueSim.secret] });
  venueSim.advanceTo(closeOf(2) + 1_000);
  const at = venueSim.now();
  const entering = aPlan({ symbol: 'LTC/BTC', timeframe: '5m', status: 'entering', amount, entry: '0.0172', stop: '0.0165', target: '0.018', createdAt: at, updatedAt: at, candleOpenTime: LTC_CANDLES[2]!.openTime, activeStop: undefined, highWatermark: undefined, openedAt: undefined, filledAmount: undefined, avgEntryPrice: undefined });
  const entry = await exchange.createOrder(buildEntryIntent(entering, at));
  if (entry.kind !== 'acknowledged') throw new Error(`the fixture entry was not taken: ${entry.kind}`);
  const opened = settleOrder(entering, 'entry', entry.order, await exchange.fetchFills('LTC/BTC', at), at);
  const plan: Plan = { ...opened, activeStop: '0.0175' };
  expect(plan).toMatchObject({ status: 'open', filledAmount: dec(amount).times('0.999').toFixed() }); // the 0.1 % fee taken in LTC

  const plans = new MemoryPlanRepository();
  await plans.save(plan, 0);
  const orders = new MemoryOrderRepository();
  const commits: ReconciliationCommit[] = [];
  /** Commit numbers (1-based) that fail before writing anything, as a DynamoDB transaction cancelled by a conflict. */
  const failingCommits = new Set<number>();
  let commitCount = 0;
  const ledger = {
    async commit(commit: ReconciliationCommit): Promise<void> {
      if (failingCommits.has(++commitCount)) throw new Error('Transaction cancelled [TransactionConflict]');
      if (commit.plan) await plans.save(commit.plan.plan, commit.plan.expectedVersion);
      for (const order of commit.orders) await orders.recordOrder(order);
      commits.push(commit);
    },
  };
  const deps = { config: { execution: ExecutionConfigSchema.parse({ stops: 'bot' }) }, venue: () => Promise.resolve(exchange), orders, plans, ledger, killSwitch: new FixedKillSwitch('RUN'), clock, logger: silentLogger };
  venueSim.advanceTo(closeOf(26) + 1_000);
  const repairOf = (version: number, exitAttempt = 0): ProtectPositionRepair => ({ kind: 'protectPosition', planId: plan.id, expectedVersion: version, symbol: 'LTC/BTC', mode: 'flatten', stopPrice: '0.0175', exitAttempt });
  return { venueSim, plan, plans, commits, failingCommits, deps, repairOf };
}

const sells = (venueSim: ExchangeSimulator) => venueSim.orders().filter((o) => o.side === 'SELL');
const recordedFills = (commits: readonly ReconciliationCommit[]): Fill[] => commits.flatMap((c) => c.fills);

describe('Function: protectPositionRepair, a market exit on a book too thin for the position', () => {
  it(`sells the rest exit after exit, at most ${MAX_MARKET_EXITS_PER_REPAIR} in one repair; the next round's repair sells what is left and closes the plan on the venue's fills`, async () => {
    // The exits' book after candle 26: 5 levels × floor(166.24 × 0.0014, 0.001) = 5 × 0.232 = 1.16 LTC an exit.
    const { venueSim, plan, plans, commits, deps, repairOf } = await aPositionThroughItsStop('30', '0.0014');

    const first = await protectPositionRepair(deps, 'lock-1', repairOf(plan.version));

    expect(first.applied).toBe(true);
    expect(sells(venueSim).map((o) => [o.status, o.executedQty])).toEqual(Array.from({ length: MAX_MARKET_EXITS_PER_REPAIR }, () => ['EXPIRED', '1.16']));
    const rest = await plans.get(plan.id);
    // 29.97 held, 20 × 1.16 = 23.2 sold: 6.77 left, the plan open under the next attempt.
    expect(rest).toMatchObject({ status: 'open', exitAttempt: MAX_MARKET_EXITS_PER_REPAIR, filledAmount: '6.77' });

    const second = await protectPositionRepair(deps, 'lock-1', repairOf(rest!.version));

    expect(second.applied).toBe(true);
    // 6.77 in six more: five of 1.16 and the last 0.97.
    expect(sells(venueSim).slice(MAX_MARKET_EXITS_PER_REPAIR).map((o) => [o.status, o.executedQty])).toEqual([...Array.from({ length: 5 }, () => ['EXPIRED', '1.16']), ['FILLED', '0.97']]);
    const trades = venueSim.trades();
    const received = trades.filter((t) => t.side === 'SELL').reduce((sum, t) => sum.plus(t.quoteQty).minus(t.commission), dec(0));
    const spent = trades.filter((t) => t.side === 'BUY').reduce((sum, t) => sum.plus(t.quoteQty), dec(0));
    expect(await plans.get(plan.id)).toMatchObject({ status: 'closed', exitReason: 'stop', exitAttempt: 25, filledAmount: '0', realizedPnl: received.minus(spent).toFixed() });
    expect(recordedFills(commits).map((f) => f.id).sort()).toEqual(trades.filter((t) => t.side === 'SELL').map((t) => String(t.id)).sort());
  });

  it('carries on, when Step Functions retries a step that failed after its second exit was sent, from the plan its first exit moved: that exit is taken up by its client order id, never sent again, and its fills are not lost (chaos seed 5097)', async () => {
    // 2.997 held: three exits of at most 1.16.
    const { venueSim, plan, plans, commits, failingCommits, deps, repairOf } = await aPositionThroughItsStop('3', '0.0014');
    // Commits 1 and 2 write the first exit (the plan exiting, then settled); the third, the plan exiting on the second exit, fails.
    failingCommits.add(3);

    await expect(protectPositionRepair(deps, 'lock-1', repairOf(plan.version))).rejects.toThrow('TransactionConflict');
    expect(sells(venueSim).map((o) => [o.status, o.executedQty])).toEqual([
      ['EXPIRED', '1.16'],
      ['EXPIRED', '1.16'],
    ]);
    expect(await plans.get(plan.id)).toMatchObject({ status: 'open', exitAttempt: 1, filledAmount: '1.837' });

    // The retry carries the same input: the diff's version and attempt.
    const retried = await protectPositionRepair(deps, 'lock-1', repairOf(plan.version));

    expect(retried.applied).toBe(true);
    // The second exit was not sent again; the third sold the rest (0.677).
    expect(sells(venueSim).map((o) => [o.clientOrderId, o.status, o.executedQty])).toEqual([
      [expect.stringMatching(/-s0$/), 'EXPIRED', '1.16'],
      [expect.stringMatching(/-s1$/), 'EXPIRED', '1.16'],
      [expect.stringMatching(/-s2$/), 'FILLED', '0.677'],
    ]);
    const trades = venueSim.trades();
    const received = trades.filter((t) => t.side === 'SELL').reduce((sum, t) => sum.plus(t.quoteQty).minus(t.commission), dec(0));
    const spent = trades.filter((t) => t.side === 'BUY').reduce((sum, t) => sum.plus(t.quoteQty), dec(0));
    expect(await plans.get(plan.id)).toMatchObject({ status: 'closed', exitAttempt: 2, filledAmount: '0', realizedPnl: received.minus(spent).toFixed() });
    expect(recordedFills(commits).map((f) => f.id).sort()).toEqual(trades.filter((t) => t.side === 'SELL').map((t) => String(t.id)).sort());
  });

  it('refuses a plan moved since the diff at the same exit attempt: not its own exits', async () => {
    const { venueSim, plan, plans, deps, repairOf } = await aPositionThroughItsStop('3', '0.0014');
    await plans.save({ ...plan, version: plan.version + 1 }, plan.version);

    const outcome = await protectPositionRepair(deps, 'lock-1', repairOf(plan.version));

    expect(outcome).toMatchObject({ applied: false, detail: expect.stringContaining('plan moved') as unknown });
    expect(sells(venueSim)).toEqual([]);
  });

  it('stops after an exit that sold nothing (a book with nothing in it) and leaves the plan to the next round', async () => {
    // The entry's book: 5 × floor(10000 × 0.000005) = 5 × 0.05 ≥ 0.05; after candle 26 each level floors to 0.
    const { venueSim, plan, plans, deps, repairOf } = await aPositionThroughItsStop('0.05', '0.000005');

    const outcome = await protectPositionRepair(deps, 'lock-1', repairOf(plan.version));

    expect(sells(venueSim).map((o) => [o.status, o.executedQty])).toEqual([['EXPIRED', '0']]);
    expect(outcome).toMatchObject({ applied: true, detail: expect.stringContaining('filled 0, plan open') as unknown });
    expect(await plans.get(plan.id)).toMatchObject({ status: 'open', exitAttempt: 1, filledAmount: '0.04995' });
  });

  it('closes the plan as dust when the rest a part-filled exit left is worth less than the minimum order value: no exit the venue would refuse (NOTIONAL) is sent for it, round after round', async () => {
    // Minimum order value 0.001 BTC: at the last price the market takes 0.001 / 0.01705 = 0.0587 → 0.059 LTC at least.
    const market = { ...LTC_MARKET, minCost: '0.001' };
    // 1.192 bought, 1.190808 held (its 0.1 % fee in LTC): one exit of 1.16, and 0.030808 left, above the minimum amount 0.01 but worth some 0.0005 BTC.
    const { venueSim, plan, plans, commits, deps, repairOf } = await aPositionThroughItsStop('1.192', '0.0014', market);

    const outcome = await protectPositionRepair(deps, 'lock-1', repairOf(plan.version));

    expect(outcome.applied).toBe(true);
    expect(sells(venueSim).map((o) => [o.status, o.origQty, o.executedQty])).toEqual([['EXPIRED', '1.19', '1.16']]);
    const trades = venueSim.trades();
    const received = trades.filter((t) => t.side === 'SELL').reduce((sum, t) => sum.plus(t.quoteQty).minus(t.commission), dec(0));
    const spent = trades.filter((t) => t.side === 'BUY').reduce((sum, t) => sum.plus(t.quoteQty), dec(0));
    // Closed on the exit that left the dust, its cost written off: what the sells received less what the buy spent.
    expect(await plans.get(plan.id)).toMatchObject({ status: 'closed', exitReason: 'stop', exitAttempt: 0, realizedPnl: received.minus(spent).toFixed() });
    expect(recordedFills(commits).map((f) => [f.amount, f.clientOrderId])).toEqual(Array.from({ length: 5 }, () => ['0.232', expect.stringMatching(/-s0$/) as unknown]));

    // The round after finds nothing to protect; were it asked, the plan has moved on.
    const again = await protectPositionRepair(deps, 'lock-1', repairOf((await plans.get(plan.id))!.version));
    expect(again.applied).toBe(false);
    expect(sells(venueSim)).toHaveLength(1);
  });
});
