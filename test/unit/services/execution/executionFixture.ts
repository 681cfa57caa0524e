import { FixedKillSwitch } from '../../../../lib/adapters/memory/FixedKillSwitch.js';
import { ManualClock } from '../../../../lib/adapters/memory/ManualClock.js';
import { MemoryOrderRepository } from '../../../support/memory/MemoryOrderRepository.js';
import { PaperExchange } from '../../../../lib/adapters/paper/PaperExchange.js';
import { dec } from '../../../../lib/domain/decimal.js';
import type { KillSwitchState } from '../../../../lib/domain/killSwitch.js';
import type { OrderIntent, SubmissionOutcome } from '../../../../lib/domain/order.js';
import type { Plan } from '../../../../lib/domain/plan.js';
import { silentLogger } from '../../../../lib/ports/Logger.js';
import { buildEntryIntent } from '../../../../lib/services/execution/buildIntent.js';
import { ExecutionService } from '../../../../lib/services/execution/ExecutionService.js';
import { aMarket } from '../../../support/marketFixture.js';
import { PLAN_OPENED_AT, aPlan } from '../../../support/planFixture.js';

export const NOW = PLAN_OPENED_AT + 10 * 60_000;

/**
 * The paper venue recording every call that sends something, in order, and whether the
 * intent was already written when its order was sent.
 */
export class RecordingExchange extends PaperExchange {
  readonly calls: string[] = [];
  readonly sent: { intent: OrderIntent; intentWritten: boolean }[] = [];
  ledgerOrders?: MemoryOrderRepository;
  refuseStops = false;

  constructor(balances: Readonly<Record<string, string>>) {
    super({ markets: [aMarket()], balances, slippagePct: 0 });
    this.candle(0.1);
  }

  /** A closed candle of ETH/BTC that opens, trades and closes at `price`. */
  candle(price: number, openTime = NOW - 60_000): void {
    this.onCandle('ETH/BTC', { openTime, open: price, high: price, low: price, close: price, volume: 10 });
  }

  /** An order placed before the test acts (an entry, a resting stop): not recorded. */
  seed(intent: OrderIntent): Promise<SubmissionOutcome> {
    return super.createOrder(intent);
  }

  override async createOrder(intent: OrderIntent): Promise<SubmissionOutcome> {
    this.calls.push(`create ${intent.clientOrderId}`);
    this.sent.push({ intent, intentWritten: (await this.ledgerOrders?.getIntent(intent.clientOrderId)) !== undefined });
    if (this.refuseStops && intent.type === 'stop_market') return { kind: 'rejected', reason: 'Stop price would trigger immediately.' };
    return super.createOrder(intent);
  }

  override cancelOrder(symbol: string, clientOrderId: string): Promise<void> {
    this.calls.push(`cancel ${clientOrderId}`);
    return super.cancelOrder(symbol, clientOrderId);
  }
}

export function setup(options: { killSwitch?: KillSwitchState; balances?: Readonly<Record<string, string>> } = {}) {
  const exchange = new RecordingExchange(options.balances ?? { BTC: '1', ETH: '0' });
  const orders = new MemoryOrderRepository();
  exchange.ledgerOrders = orders;
  const killSwitch = new FixedKillSwitch(options.killSwitch ?? 'RUN');
  const clock = new ManualClock(NOW);
  const execution = new ExecutionService({ exchange, orders, killSwitch, clock, config: { maxEntrySlippagePct: 0.005, paperSlippagePct: 0, stops: 'exchange', partialEntryRestMs: 0, maxRestingStopsPerSymbol: 5 }, logger: silentLogger });
  return { exchange, orders, killSwitch, clock, execution };
}

/**
 * An open plan whose entry really filled at the paper venue: a market buy of `amount` at
 * 0.1, its 0.1 % fee charged in ETH as Binance charges it, so the plan holds `amount` less
 * that fee and the venue's fills back the position. Sent outside the recording.
 *
 * The entry is sent at PLAN_OPENED_AT, as the candle opening then starts: it fills at that
 * open, dated at the order's time, so the fill is at the plan's openedAt and the settlement
 * of a later exit (which reads the venue's fills from there) finds it.
 */
export async function enteredPlan(exchange: RecordingExchange, overrides: Partial<Plan> & { amount: string }): Promise<Plan> {
  const entry = aPlan({ ...overrides, status: 'approved' });
  const intent = buildEntryIntent(entry, PLAN_OPENED_AT);
  await exchange.seed(intent);
  exchange.candle(0.1, PLAN_OPENED_AT);
  exchange.candle(0.1);
  const fill = (await exchange.fetchFills('ETH/BTC', PLAN_OPENED_AT)).find((f) => f.clientOrderId === intent.clientOrderId);
  if (fill === undefined) throw new Error('the fixture entry did not fill');
  return aPlan({ ...overrides, filledAmount: dec(fill.amount).minus(fill.fee.cost).toFixed() });
}
