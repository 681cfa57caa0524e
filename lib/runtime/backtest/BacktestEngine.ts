import { isPending } from '../../domain/awaitable.js';
import { type Candle, timeframeMs } from '../../domain/candle.js';
import { SCHEDULE_OFFSET_MS } from '../../domain/scheduleOffset.js';
import type { BacktestConfig, ShadowConfig } from '../../domain/config.js';
import { type Decimal, dec } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import { FixedKillSwitch } from '../../adapters/memory/FixedKillSwitch.js';
import { ManualClock } from '../../adapters/memory/ManualClock.js';
import { MemoryLedgerStore } from '../../adapters/memory/MemoryLedgerStore.js';
import { MemoryTelemetrySink } from '../../adapters/memory/MemoryTelemetrySink.js';
import { PaperExchange } from '../../adapters/paper/PaperExchange.js';
import type { Balances } from '../../ports/Exchange.js';
import { silentLogger } from '../../ports/Logger.js';
import { type DecisionOutcome, DecisionCycle } from '../../services/decision/DecisionCycle.js';
import type { Strategy } from '../../strategy/Strategy.js';
import type { CandleSeries } from './loadCandleFile.js';
import { assembleBacktestResult } from './assembleBacktestResult.js';
import { mergeSeries } from './mergeSeries.js';
import type { BacktestResult } from './report/BacktestResult.js';
import { ReplayWindows } from './ReplayWindows.js';
import { runStart } from './runStart.js';
import { BacktestShadow } from './BacktestShadow.js';
import { ShadowFleet } from '../../services/decision/ShadowFleet.js';
import { SymbolBook } from './SymbolBook.js';
import { ReplayEquity } from './ReplayEquity.js';
import { replayPriceAt } from './replayPriceAt.js';
import { ReplayTimeframeCandles } from './ReplayTimeframeCandles.js';
import { QuietRunRecord } from '../../services/decision/QuietDecision.js';

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
  /**
   * Whether the result carries the report's price charts and buy-and-hold curve (default
   * true). A parameter search's trial scores the equity curve only, and skips them.
   */
  readonly charts?: boolean;
  /** Shadow strategies, each with its strategy loaded, deciding beside the main one on virtual books. */
  readonly shadows?: readonly { readonly shadow: ShadowConfig; readonly strategy: Strategy }[];
  /**
   * Whether runs of candles sure to be quiet are decided in one call (QuietReplay;
   * default true). Off, every candle goes through `decide`: the same result, more slowly.
   */
  readonly quietRuns?: boolean;
}

/**
 * Replays candles, by close time, through the bot's own DecisionCycle over memory
 * adapters: the paper venue matches its orders against each candle as it closes, then the
 * cycle decides it exactly as Lambda and `npm start` do. Only a candle that acts awaits.
 */
export class BacktestEngine {
  readonly ledger = new MemoryLedgerStore();
  readonly exchange: PaperExchange;
  readonly telemetry: MemoryTelemetrySink;
  readonly killSwitch = new FixedKillSwitch('RUN');
  private readonly clock = new ManualClock();
  private readonly cycle: DecisionCycle;
  private readonly books: SymbolBook[];
  private readonly rejections: Record<string, number> = {};
  private ordersSent = 0;
  private readonly worth: ReplayEquity;
  /** Each book's symbol, as ReplayEquity numbers it. */
  private readonly symbolOfBook: number[];
  readonly shadows: readonly BacktestShadow[];
  /** Candles sure to be quiet are decided ahead of the cycle (BacktestInput.quietRuns): with one series only, whose candles are the replay's, in order. */
  private readonly quietRuns: boolean;

  constructor(private readonly input: BacktestInput) {
    const { config } = input;
    const priceOf = replayPriceAt(input.series);
    this.exchange = new PaperExchange({
      markets: input.markets,
      balances: input.startingBalances,
      slippagePct: config.execution.paperSlippagePct,
      priceAt: priceOf,
    });
    this.shadows = (input.shadows ?? []).map(
      ({ shadow, strategy }) =>
        new BacktestShadow({
          shadow,
          strategy,
          config,
          markets: input.markets,
          startingBalances: input.startingBalances,
          priceAt: priceOf,
          killSwitch: this.killSwitch,
          clock: this.clock,
          logger: silentLogger,
        }),
    );
    this.telemetry = new MemoryTelemetrySink(input.telemetryCapacity ?? 1_000);
    this.books = input.series.map((s) => {
      const market = input.markets.find((m) => m.symbol === s.symbol);
      if (!market) throw new Error(`no market for ${s.symbol}`);
      return new SymbolBook(s, market, timeframeMs(s.timeframe), Math.max(config.windowSize, input.strategy.warmupCandles));
    });
    this.worth = new ReplayEquity(input.quoteCurrency);
    this.symbolOfBook = this.books.map((book) => this.worth.indexOf(book.series.symbol, book.market.base));
    this.quietRuns = input.quietRuns !== false && this.books.length === 1;
    this.cycle = new DecisionCycle({
      ledger: this.ledger,
      exchange: this.exchange,
      killSwitch: this.killSwitch,
      clock: this.clock,
      config,
      strategy: input.strategy,
      windows: new ReplayWindows(this.books),
      recordSkipped: (record) => {
        this.telemetry.record(record);
        return Promise.resolve();
      },
      logger: silentLogger,
      ...(this.shadows.length > 0 ? { shadows: new ShadowFleet(this.shadows, silentLogger) } : {}),
      timeframeCandles: new ReplayTimeframeCandles(input.series),
    });
  }

  get strategyWarmup(): number {
    return this.input.strategy.warmupCandles;
  }

  async run(): Promise<BacktestResult> {
    const started = performance.now();
    // A strategy that scores candles (a model) scores each series ahead, in batches (Strategy.scoreReplay).
    for (const series of this.input.series) {
      await this.input.strategy.scoreReplay?.(series);
      for (const { strategy } of this.input.shadows ?? []) await strategy.scoreReplay?.(series);
    }
    const { seriesIndex, candleIndex } = mergeSeries(this.input.series);
    const total = seriesIndex.length;
    const times = new Float64Array(total);
    const equity = new Float64Array(total);
    const startingEquity = this.exactEquity();
    const start = runStart(this.input.series, this.input.config.windowSize);
    let points = 0;
    for (let k = 0; k < total; k++) {
      const b = seriesIndex[k] ?? 0;
      const book = this.books[b] as SymbolBook;
      const quietTo = this.quietRuns && k > 0 ? this.decideQuietRun(book, k, start) : k;
      if (quietTo > k) {
        // Nothing fills in a quiet run: one look at the balances values all its candles.
        const balances = this.exchange.fetchBalances();
        const symbol = this.symbolOfBook[b] ?? 0;
        for (let i = k; i < quietTo; i++) {
          const candle = book.series.candles[i] as Candle;
          this.worth.setClose(symbol, candle.close);
          times[points] = candle.openTime + book.timeframeMs;
          equity[points] = this.worth.float(balances);
          points++;
          if (this.input.onProgress && (i & 0xfff) === 0) this.input.onProgress(i, total, equity[points - 1] ?? 0);
        }
        k = quietTo - 1;
        continue;
      }
      const stepped = this.step(book, candleIndex[k] ?? 0, start);
      const closeTime = typeof stepped === 'number' ? stepped : await stepped;
      this.worth.setClose(this.symbolOfBook[b] ?? 0, book.lastClose);
      if (closeTime < start) continue;
      // Candles of several series closing at one time make one point, once all of them are in.
      if (points > 0 && times[points - 1] === closeTime) points--;
      times[points] = closeTime;
      equity[points] = this.worth.float(this.exchange.fetchBalances());
      points++;
      if (this.input.onProgress && (k & 0xfff) === 0) this.input.onProgress(k, total, equity[points - 1] ?? 0);
    }
    // Orders the venue filled after the last decision of their symbol are settled, as the next candle would.
    const symbols = this.worth.symbolNames();
    for (const symbol of symbols) await this.cycle.settle(symbol);
    for (const shadow of this.shadows) for (const symbol of symbols) await shadow.cycle.settle(symbol);
    this.input.onProgress?.(total, total, equity[points - 1] ?? 0);
    return assembleBacktestResult({
      input: this.input,
      books: this.books,
      closedPlans: this.ledger.closedPlans,
      openPlans: this.ledger.livePlans().length,
      fills: this.ledger.fills,
      finalBalances: totals(this.exchange.fetchBalances()),
      rejections: this.rejections,
      decisions: this.telemetry.count,
      ordersSent: this.ordersSent,
      startingEquity,
      finalEquity: this.exactEquity(),
      equityCurve: { times: times.subarray(0, points), equity: equity.subarray(0, points), length: points },
      candles: total,
      durationMs: Math.round(performance.now() - started),
      shadows: this.shadows.map((shadow) => ({
        id: shadow.id,
        strategy: shadow.strategyName,
        closedPlans: shadow.ledger.closedPlans,
        openPlans: shadow.ledger.livePlans().length,
        finalEquity: shadow.equity(this.worth.lastCloses(), this.input.quoteCurrency),
      })),
    });
  }

  /**
   * One candle: the venue sees it close, then the cycle decides it when the deployed bot
   * would, a schedule offset after the close. A candle before the run's start is history.
   * Synchronous unless the decision acts.
   */
  private step(book: SymbolBook, index: number, start: number): number | Promise<number> {
    const candle = book.series.candles[index];
    if (!candle) throw new Error(`replay: ${book.series.symbol} has no candle ${index}`);
    book.advance(index);
    const closeTime = candle.openTime + book.timeframeMs;
    this.clock.set(closeTime + SCHEDULE_OFFSET_MS);
    this.exchange.onCandle(book.series.symbol, candle);
    for (const shadow of this.shadows) shadow.onCandle(book.series.symbol, candle);
    if (closeTime < start) return closeTime;
    const quiet = this.quietRuns ? this.cycle.quiet.decideCandle(book.series, index, this.clock.now()) : undefined;
    if (quiet !== undefined) {
      this.telemetry.recordLater(quiet);
      return closeTime;
    }
    const outcome = this.cycle.decide(book.series.symbol, book.series.timeframe, candle);
    if (!isPending(outcome)) {
      this.tally(outcome);
      return closeTime;
    }
    return this.tallyLater(outcome, closeTime);
  }

  /**
   * Candles from `from` on that the cycle decides as one quiet run (QuietReplay.decideRun): the
   * venue, the window and the clock are then moved to the run's last candle, as `step` would
   * have left them, and each candle's decision is counted. Returns the index after the run.
   */
  private decideQuietRun(book: SymbolBook, from: number, start: number): number {
    const { series } = book;
    const first = series.candles[from];
    if (first === undefined || first.openTime + book.timeframeMs < start) return from;
    const venueBand = this.exchange.quietBand(series.symbol);
    if (venueBand === undefined) return from;
    // When the deployed bot decides a candle: its timeframe after it opens, then the schedule's offset.
    const lagMs = book.timeframeMs + SCHEDULE_OFFSET_MS;
    const to = this.cycle.quiet.decideRun(series, from, series.candles.length, lagMs, venueBand);
    if (to === from) return from;
    const openPlans = this.cycle.quiet.openPlans();
    const last = series.candles[to - 1] as Candle;
    book.advance(to - 1);
    this.clock.set(last.openTime + lagMs);
    this.exchange.onCandle(series.symbol, last);
    this.telemetry.recordRun(to - from, (i) => {
      const candle = series.candles[from + i] as Candle;
      return new QuietRunRecord(this.input.config.botId, series.symbol, series.timeframe, candle, candle.openTime + lagMs, openPlans);
    });
    return to;
  }

  /** A method of its own: a closure in `step` would have every candle allocate what it captures. */
  private tallyLater(outcome: Promise<DecisionOutcome>, closeTime: number): Promise<number> {
    return outcome.then((decided) => {
      this.tally(decided);
      return closeTime;
    });
  }

  private tally(outcome: DecisionOutcome): void {
    if (outcome.kind === 'duplicate') return;
    if (outcome.kind === 'decided' && outcome.quiet === true) {
      this.telemetry.recordLater(outcome);
      return;
    }
    const { record } = outcome;
    this.telemetry.record(record);
    // Indexed: a quiet candle's lists are shared frozen arrays, which `for…of` iterates by allocating.
    const { verdicts, orders } = record;
    for (let i = 0; i < verdicts.length; i++) {
      const rejection = verdicts[i]?.rejection;
      if (rejection) this.rejections[rejection.code] = (this.rejections[rejection.code] ?? 0) + 1;
    }
    for (let i = 0; i < orders.length; i++) if (orders[i]?.outcome !== 'refused') this.ordersSent++;
  }

  /** The venue's balances at each series' last close, valued as the bot values them. */
  exactEquity(): Decimal {
    return this.worth.exact(this.exchange.fetchBalances());
  }
}

function totals(balances: Balances): Record<string, string> {
  return Object.fromEntries(Object.entries(balances).map(([asset, b]) => [asset, dec(b.total).toFixed()]));
}
