import { timeframeMs } from '../../domain/candle.js';
import type { BacktestConfig } from '../../domain/config.js';
import { type Decimal, ZERO, sum, toDecimalString } from '../../domain/decimal.js';
import type { OrderSummary } from '../../domain/decisionRecord.js';
import type { Market } from '../../domain/market.js';
import type { Fill, Order } from '../../domain/order.js';
import { transitionPlan } from '../../domain/planLifecycle.js';
import { FixedKillSwitch } from '../../adapters/memory/FixedKillSwitch.js';
import { ManualClock } from '../../adapters/memory/ManualClock.js';
import { MemoryOrderRepository } from '../../adapters/memory/MemoryOrderRepository.js';
import { MemoryTelemetrySink } from '../../adapters/memory/MemoryTelemetrySink.js';
import { PaperExchange } from '../../adapters/paper/PaperExchange.js';
import { silentLogger } from '../../ports/Logger.js';
import { type CandleEvaluation, type CandleEvaluationInput, evaluateCandle } from '../../services/decision/evaluateCandle.js';
import { ExecutionService } from '../../services/execution/ExecutionService.js';
import { applyFillToPlan } from '../../services/execution/applyFillToPlan.js';
import { Ledger } from '../../services/portfolio/Ledger.js';
import { exposureBySymbol } from '../../services/risk/exposureBySymbol.js';
import { rollDailyRiskState } from '../../services/risk/dailyRiskState.js';
import type { DailyRiskState, RiskContext } from '../../services/risk/RiskContext.js';
import { buildDecisionRecord } from '../../services/telemetry/buildDecisionRecord.js';
import type { Strategy } from '../../strategy/Strategy.js';
import type { CandleSeries } from './loadCandleFile.js';
import { assembleBacktestResult } from './assembleBacktestResult.js';
import { mergeSeries } from './mergeSeries.js';
import type { BacktestResult } from './report/BacktestResult.js';
import { LivePlans } from './LivePlans.js';
import { SymbolBook } from './SymbolBook.js';

export interface BacktestInput {
  readonly series: readonly CandleSeries[];
  readonly markets: readonly Market[];
  readonly strategy: Strategy;
  readonly config: BacktestConfig;
  readonly startingBalances: Readonly<Record<string, string>>;
  readonly quoteCurrency: string;
  /** Called now and then with the candles done so far. */
  readonly onProgress?: (done: number, total: number, equity: number) => void;
  /**
   * Decision records kept in memory (all are counted). Few by default: a record that
   * outlives a young-generation collection costs a promotion, and a long run makes millions.
   */
  readonly telemetryCapacity?: number;
}

/**
 * Replays candles through the same services the bot runs live: paper fills from the
 * previous decisions first, then plans → strategy → risk → execution on the closed
 * candle, then one decision record. Only a candle that acts awaits anything.
 */
export class BacktestEngine {
  readonly ledger: Ledger;
  readonly exchange: PaperExchange;
  readonly orders = new MemoryOrderRepository();
  readonly telemetry: MemoryTelemetrySink;
  readonly killSwitch = new FixedKillSwitch('RUN');
  private readonly clock = new ManualClock();
  private readonly execution: ExecutionService;
  private readonly books: SymbolBook[];
  readonly plans = new LivePlans();
  private readonly rejections: Record<string, number> = {};
  private daily: DailyRiskState | undefined;
  private readonly lastStopOutAt = new Map<string, number>();
  private balances: Record<string, string>;
  private ordersSent = 0;
  /** Float mirror of the quote balance, for the equity curve only. */
  private quoteHeld: number;

  constructor(private readonly input: BacktestInput) {
    const { config } = input;
    this.ledger = new Ledger(input.startingBalances);
    this.balances = this.ledger.balancesSnapshot();
    this.quoteHeld = this.ledger.balance(input.quoteCurrency).toNumber();
    this.exchange = new PaperExchange({ markets: input.markets, balances: input.startingBalances, slippagePct: config.execution.paperSlippagePct });
    this.telemetry = new MemoryTelemetrySink(input.telemetryCapacity ?? 1_000);
    this.execution = new ExecutionService({
      exchange: this.exchange,
      orders: this.orders,
      killSwitch: this.killSwitch,
      clock: this.clock,
      config: config.execution,
      logger: silentLogger,
    });
    this.books = input.series.map((s) => {
      const market = input.markets.find((m) => m.symbol === s.symbol);
      if (!market) throw new Error(`no market for ${s.symbol}`);
      const book = new SymbolBook(s, market, timeframeMs(s.timeframe), Math.max(config.windowSize, input.strategy.warmupCandles));
      book.riskContext = () => this.riskContext(market, this.clock.now());
      return book;
    });
  }

  get strategyWarmup(): number {
    return this.input.strategy.warmupCandles;
  }

  async run(): Promise<BacktestResult> {
    const started = performance.now();
    const { seriesIndex, candleIndex } = mergeSeries(this.input.series);
    const total = seriesIndex.length;
    const times = new Float64Array(total);
    const equity = new Float64Array(total);
    const startingEquity = this.exactEquity();
    let points = 0;
    for (let k = 0; k < total; k++) {
      const book = this.books[seriesIndex[k] ?? 0] as SymbolBook;
      const index = candleIndex[k] ?? 0;
      const acting = this.step(book, index);
      if (acting) await acting;
      const time = book.series.candles[index]?.openTime ?? 0;
      // Candles of several series at one time make one point, once all of them are in: equity at a time is one number.
      if (points > 0 && times[points - 1] === time) points--;
      times[points] = time;
      equity[points] = this.floatEquity();
      points++;
      if (this.input.onProgress && (k & 0xfff) === 0) this.input.onProgress(k, total, equity[points - 1] ?? 0);
    }
    this.input.onProgress?.(total, total, equity[points - 1] ?? 0);
    const curve = { times: times.subarray(0, points), equity: equity.subarray(0, points), length: points };
    return assembleBacktestResult({
      input: this.input,
      books: this.books,
      plans: this.plans,
      ledger: this.ledger,
      rejections: this.rejections,
      decisions: this.telemetry.count,
      ordersSent: this.ordersSent,
      startingEquity,
      finalEquity: this.exactEquity(),
      equityCurve: curve,
      candles: total,
      durationMs: Math.round(performance.now() - started),
    });
  }

  /** Synchronous unless the candle acts: most candles never touch the event loop. */
  private step(book: SymbolBook, index: number): Promise<void> | undefined {
    const candle = book.series.candles[index];
    if (!candle) return undefined;
    book.advance(index);
    const closeTime = candle.openTime + book.timeframeMs;
    this.clock.set(closeTime);
    this.exchange.onCandle(book.series.symbol, candle);
    this.settleFills();

    const input: CandleEvaluationInput = {
      botId: this.input.config.botId,
      symbol: book.series.symbol,
      timeframe: book.series.timeframe,
      timeframeMs: book.timeframeMs,
      candle,
      market: book.market,
      window: book.window,
      strategy: this.input.strategy,
      openPlans: this.plans.all,
      balances: this.balances,
      killSwitch: this.killSwitch.state,
      riskContext: book.riskContext,
      now: closeTime,
    };
    const evaluation = evaluateCandle(input);
    if (!hasActions(evaluation)) {
      this.telemetry.record(buildDecisionRecord(input, evaluation, NO_ORDERS));
      return undefined;
    }
    return this.act(evaluation, candle.close).then((orders) => this.telemetry.record(buildDecisionRecord(input, evaluation, orders)));
  }

  private async act(evaluation: CandleEvaluation, lastPrice: number): Promise<OrderSummary[]> {
    const orders: OrderSummary[] = [];
    for (const plan of evaluation.updatedPlans) this.plans.put(plan);
    for (const { plan, exit } of evaluation.exits) {
      const held = this.ledger.position(plan.id)?.amount ?? ZERO;
      const result = await this.execution.exit(this.plans.find(plan.id) ?? plan, exit, toDecimalString(held));
      orders.push(result.order);
      this.plans.put(result.plan);
      this.settleFills();
    }
    for (const { rejection } of evaluation.rejected) this.rejections[rejection.code] = (this.rejections[rejection.code] ?? 0) + 1;
    for (const approved of evaluation.approved) {
      this.plans.put(approved);
      const result = await this.execution.enter(approved, lastPrice);
      orders.push(result.order);
      this.plans.put(result.plan);
    }
    this.ordersSent += orders.filter((o) => o.outcome !== 'refused').length;
    return orders;
  }

  /** Routes each new fill to its plan through the ledger, exactly once, and each order that ended unfilled. */
  private settleFills(): void {
    for (const order of this.exchange.takeUnfilledOrders()) this.settleUnfilled(order);
    const fills = this.exchange.takeFills();
    if (fills.length === 0) return;
    for (const fill of fills) this.settleFill(fill);
    this.balances = this.ledger.balancesSnapshot();
    for (const book of this.books) book.baseHeld = this.ledger.balance(book.market.base).toNumber();
    this.quoteHeld = this.ledger.balance(this.input.quoteCurrency).toNumber();
  }

  private settleFill(fill: Fill): void {
    const intent = this.orders.intentOf(fill.clientOrderId);
    if (!intent) throw new Error(`fill ${fill.id} is for an order with no intent: ${fill.clientOrderId}`);
    const effect = this.ledger.apply(fill, intent.planId);
    if (!effect) return;
    const plan = this.plans.find(intent.planId);
    if (!plan) throw new Error(`fill ${fill.id} is for plan ${intent.planId}, which is not live`);
    const next = applyFillToPlan(plan, intent.leg, fill, effect);
    this.plans.put(next);
    if (next.status === 'closed') {
      if (next.exitReason === 'stop' || next.exitReason === 'trailing_stop') this.lastStopOutAt.set(next.symbol, fill.timestamp);
      this.daily = rollDailyRiskState(this.daily, fill.timestamp, this.exactEquity(), this.input.config.risk);
    }
  }

  /**
   * An entry the venue dropped (it could not pay at the open) cancels its plan; a dropped
   * exit returns the plan to open with the next attempt, so the next candle checks it again.
   */
  private settleUnfilled(order: Order): void {
    const intent = this.orders.intentOf(order.clientOrderId);
    const plan = intent && this.plans.find(intent.planId);
    if (!intent || !plan) return;
    const now = this.clock.now();
    if (intent.leg === 'entry' && plan.status === 'entering') this.plans.put(transitionPlan(plan, 'cancelled', now));
    if (intent.leg !== 'entry' && plan.status === 'exiting') this.plans.put(transitionPlan(plan, 'open', now, { exitAttempt: plan.exitAttempt + 1 }));
  }

  /**
   * The money figures are worked out only when risk reads them: most proposals end at a
   * check that needs none (stacking, cooldown).
   */
  private riskContext(market: Market, now: number): RiskContext {
    let equity: Decimal | undefined;
    let exposure: Map<string, Decimal> | undefined;
    const equityNow = () => (equity ??= this.exactEquity());
    const dailyNow = () => (this.daily = rollDailyRiskState(this.daily, now, equityNow(), this.input.config.risk));
    const quoteFree = () => this.exchange.freeBalance(market.quote);
    const exposureNow = () => (exposure ??= exposureBySymbol(this.plans.all));
    return {
      now,
      killSwitch: this.killSwitch.state,
      config: this.input.config.risk,
      market,
      livePlans: this.plans.all,
      lastStopOutAt: this.lastStopOutAt,
      get equity() {
        return equityNow();
      },
      get daily() {
        return dailyNow();
      },
      get quoteFree() {
        return quoteFree();
      },
      get exposureBySymbol() {
        return exposureNow();
      },
    };
  }

  /** Quote balance plus every held base asset at its last close, exactly. */
  exactEquity(): Decimal {
    return this.ledger
      .balance(this.input.quoteCurrency)
      .plus(sum(this.books.map((b) => (b.lastClose > 0 ? this.ledger.balance(b.market.base).times(b.lastClose) : ZERO))));
  }

  private floatEquity(): number {
    let value = this.quoteHeld;
    for (const book of this.books) value += book.baseHeld * book.lastClose;
    return value;
  }

}

function hasActions(e: CandleEvaluation): boolean {
  return e.exits.length > 0 || e.approved.length > 0 || e.rejected.length > 0 || e.updatedPlans.length > 0;
}

const NO_ORDERS: readonly OrderSummary[] = Object.freeze([]);
