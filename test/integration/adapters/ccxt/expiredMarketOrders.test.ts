import { afterEach, describe, expect, it } from 'vitest';
import { FixedKillSwitch } from '../../../../lib/adapters/memory/FixedKillSwitch.js';
import { deriveClientOrderId } from '../../../../lib/domain/clientOrderId.js';
import { dec } from '../../../../lib/domain/decimal.js';
import { ExecutionConfigSchema } from '../../../../lib/domain/config.js';
import type { Plan } from '../../../../lib/domain/plan.js';
import { STRICT_FILLS } from '../../../../lib/local/exchange-sim/index.js';
import { silentLogger } from '../../../../lib/ports/Logger.js';
import { settlePendingOrders } from '../../../../lib/services/decision/settlePendingOrders.js';
import { ExecutionService } from '../../../../lib/services/execution/ExecutionService.js';
import { MemoryOrderRepository } from '../../../support/memory/MemoryOrderRepository.js';
import { type GatewayHarness, closeOf, startGateway } from './ccxtSimFixture.js';

const BOT = 'it';
const PLAN_ID = 'it-expired01';
const id = (leg: 'entry' | 'exit' | 'stop', attempt: number) => deriveClientOrderId(BOT, PLAN_ID, leg, attempt);

function approvedPlan(now: number): Plan {
  return { id: PLAN_ID, botId: BOT, symbol: 'LTC/BTC', timeframe: '5m', strategy: 'fixture', side: 'long', status: 'approved', reason: 'fixture', candleOpenTime: now - 300_000, createdAt: now, updatedAt: now, version: 1, entry: '0.017', stop: '0.0165', target: '0.018', amount: '200', entryAttempt: 0, exitAttempt: 0 };
}

/**
 * The real ccxt client on the Binance simulator under STRICT_FILLS: a market order walks five
 * levels of 2 % of the last candle's volume each and the venue EXPIRES what the book could not
 * fill. The filled part is the plan's, to the last unit.
 */
describe('Market orders that end EXPIRED part-filled, through ccxt on the strict simulator', () => {
  let h: GatewayHarness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('opens the entry on what filled (with its stop), books a part-filled exit and sells the rest at once under the next attempt', async () => {
    h = await startGateway({}, { fills: STRICT_FILLS, balances: { BTC: '10', LTC: '0' } });
    const sim = h.sim;
    const orders = new MemoryOrderRepository();
    const execution = new ExecutionService({ exchange: h.gateway, orders, killSwitch: new FixedKillSwitch('RUN'), clock: { now: () => sim.now() }, config: ExecutionConfigSchema.parse({ stops: 'exchange' }), logger: silentLogger });

    // Entry: 200 LTC against a book of 5 × 32.308 (candle 0's volume 1615.44770933): 161.54 fill, the rest expires.
    const entered = await execution.enter(approvedPlan(sim.now()), 0.017);
    expect(entered.settled?.order).toMatchObject({ clientOrderId: id('entry', 0), status: 'expired', amount: '200', filled: '161.54' });
    expect(entered.settled?.fills.map((f) => [f.price, f.amount, f.cost, f.fee.cost, f.fee.currency])).toEqual([
      ['0.01700198', '32.308', '0.54929996', '0.032308', 'LTC'],
      ['0.017002', '32.308', '0.54930061', '0.032308', 'LTC'],
      ['0.01700202', '32.308', '0.54930126', '0.032308', 'LTC'],
      ['0.01700204', '32.308', '0.5493019', '0.032308', 'LTC'],
      ['0.01700206', '32.308', '0.54930255', '0.032308', 'LTC'],
    ]);
    // 161.54 bought less the taker fee 0.16154 in LTC: what the venue holds.
    expect(entered.plan).toMatchObject({ status: 'open', filledAmount: '161.37846', avgEntryPrice: '0.01700202', activeStop: '0.0165' });
    expect(sim.balances()).toMatchObject({ BTC: { free: '7.25349372', locked: '0' }, LTC: { free: '161.37846', locked: '0' } });

    const protectedPlan = await execution.restStop(entered.plan, 0);
    expect(protectedPlan.plan.restingStop).toMatchObject({ attempt: 0, stopPrice: '0.0165', amount: '161.378' });

    // Exit at candle 8's close: its volume 336.42077829 makes a book of 5 × 18.116 = 90.58.
    sim.advanceTo(closeOf(7));
    const exit = { planId: PLAN_ID, reason: 'target' as const, price: '0.0171', orderType: 'market' as const };
    const first = await execution.exit(protectedPlan.plan, exit, protectedPlan.plan.filledAmount!);
    expect(first.order).toMatchObject({ clientOrderId: id('exit', 1), amount: '161.378', outcome: 'acknowledged' });
    expect(first.settled?.order).toMatchObject({ status: 'expired', amount: '161.378', filled: '90.58' });
    expect(first.settled?.fills.map((f) => f.amount)).toEqual(['18.116', '18.116', '18.116', '18.116', '18.116']);

    // The 70.79846 LTC the expired exit left are sold at once, at market, under exit attempt 2:
    // the same book takes them (18.116 × 3 + 16.45), so the plan waits on that filled exit.
    expect(first.remainder?.order).toMatchObject({ clientOrderId: id('exit', 2), amount: '70.798', outcome: 'acknowledged' });
    expect(first.remainder?.remainder).toBeUndefined();
    expect(first.plan).toMatchObject({ status: 'exiting', exitReason: 'target', exitAttempt: 2, filledAmount: '70.79846' });
    expect(first.plan.restingStop).toBeUndefined();
    expect(sim.orders().map((o) => [o.clientOrderId, o.type, o.status, o.executedQty])).toEqual([
      [id('entry', 0), 'MARKET', 'EXPIRED', '161.54'],
      [id('stop', 0), 'STOP_LOSS_LIMIT', 'CANCELED', '0'],
      [id('exit', 1), 'MARKET', 'EXPIRED', '90.58'],
      [id('exit', 2), 'MARKET', 'FILLED', '70.798'],
    ]);

    // Settled as the next decision does: the position is rebuilt from the entry's fills and
    // both exits' (attempt 1's 90.58 too), so the last 70.798 closes it; 0.00046 LTC of dust is left.
    const settlement = await settlePendingOrders('LTC/BTC', [first.plan], h.gateway, sim.now(), silentLogger, 0);
    expect(settlement.fills.map((f) => [f.clientOrderId, f.amount])).toEqual([
      [id('exit', 2), '18.116'],
      [id('exit', 2), '18.116'],
      [id('exit', 2), '18.116'],
      [id('exit', 2), '16.45'],
    ]);
    const [closed] = settlement.plans;
    expect(closed).toMatchObject({ status: 'closed', exitReason: 'target', exitAttempt: 2, filledAmount: '0.00046' });
    // The BTC the venue holds moved by exactly the plan's PnL over its three orders, the dust written off at its cost.
    expect(sim.balances().LTC).toEqual({ free: '0.00046', locked: '0' });
    expect(dec(sim.balances().BTC!.free).minus('10').toFixed()).toBe(closed!.realizedPnl);
  });
});
