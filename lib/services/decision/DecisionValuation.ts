import type { CandleWindow } from '../../domain/candleWindow.js';
import type { RiskConfig } from '../../domain/config.js';
import type { Decimal } from '../../domain/decimal.js';
import type { DailyRiskState } from '../../domain/dailyRiskState.js';
import type { KillSwitchState } from '../../domain/killSwitch.js';
import type { Market } from '../../domain/market.js';
import type { Plan } from '../../domain/plan.js';
import type { Balances } from '../../ports/Exchange.js';
import type { TradingSnapshot } from '../../ports/LedgerStore.js';
import { freeOf, heldAssets, totalOf } from '../portfolio/balanceAmounts.js';
import { equityOf } from '../portfolio/valueEquity.js';
import { rollDailyRiskState, utcDay } from '../risk/dailyRiskState.js';
import { exposureBySymbol } from '../risk/exposureBySymbol.js';
import type { RiskContext } from '../risk/RiskContext.js';
import type { Settlement } from './settlePendingOrders.js';

const DAY_MS = 24 * 60 * 60_000;

/**
 * What the decision cycle knows of prices between candles, and the money figures of one
 * decision: equity (the venue's balances valued by `equityOf`), the free balances the
 * strategy sees, and the day's loss latch.
 */
/** A symbol's newest close this process decided, and the one before it. */
interface SeenClose {
  time: number;
  close: number;
  previousTime?: number;
  previousClose?: number;
}

export class DecisionValuation {
  private readonly closes = new Map<string, SeenClose>();
  /** The candle being decided: its symbol and close time. */
  private decidingSymbol = '';
  private decidingCloseTime = 0;
  private free: { readonly of: Balances; readonly amounts: Readonly<Record<string, string>> } | undefined;
  /** The UTC day last found to be the state's, and its span, so most candles skip formatting a date. */
  private dayKnown: { readonly day: string; readonly from: number; readonly to: number } | undefined;

  constructor(private readonly risk: RiskConfig) {}

  /** The close of the candle now being decided. */
  observeClose(symbol: string, closeTime: number, close: number): void {
    const seen = this.closes.get(symbol);
    if (seen === undefined) this.closes.set(symbol, { time: closeTime, close });
    else if (seen.time === closeTime) seen.close = close;
    else if (closeTime > seen.time) {
      seen.previousTime = seen.time;
      seen.previousClose = seen.close;
      seen.time = closeTime;
      seen.close = close;
    }
    this.decidingSymbol = symbol;
    this.decidingCloseTime = closeTime;
  }

  /** Free amount by asset; the same object while the venue reports the same balances. */
  freeBalances(balances: Balances): Readonly<Record<string, string>> {
    if (this.free?.of !== balances) this.free = { of: balances, amounts: Object.fromEntries(Object.entries(balances).map(([asset, b]) => [asset, b.free])) };
    return this.free.amounts;
  }

  /**
   * The balances valued in `quote`: each base asset of a symbol this process has seen a
   * close for, or holds a live plan on (at its entry price until a close is seen).
   */
  equity(balances: Balances, quote: string, livePlans: readonly Plan[]): Decimal {
    // Holding the quote alone (a flat bot, most of the time), equity is its total at any price.
    const held = heldAssets(balances);
    if (held.length === 0 || (held.length === 1 && held[0] === quote)) return totalOf(balances, quote);
    const prices = new Map<string, string | number>();
    for (const plan of livePlans) prices.set(plan.symbol, plan.avgEntryPrice ?? plan.entry);
    for (const [symbol, seen] of this.closes) {
      const price = this.priceOf(symbol, seen);
      if (price !== undefined) prices.set(symbol, price);
    }
    return equityOf(balances, prices, quote, prices.keys()).equity;
  }

  /**
   * The decided symbol at its close; another at its last close before this candle's. The
   * bot decides the candles that close at one moment in no set order (each symbol is its
   * own message group), so a close of this same moment is left out whether or not it was
   * decided first: the backtest and `npm start` then size every entry alike.
   */
  private priceOf(symbol: string, seen: SeenClose): number | undefined {
    if (symbol === this.decidingSymbol || seen.time < this.decidingCloseTime) return seen.close;
    return seen.previousTime !== undefined && seen.previousTime < this.decidingCloseTime ? seen.previousClose : undefined;
  }

  /** Whether `now` is on a later UTC day than the state's, or there is none yet: the day's first decision rolls it. */
  startsDay(daily: DailyRiskState | undefined, now: number): boolean {
    if (daily === undefined) return true;
    const known = this.dayKnown;
    if (known !== undefined && known.day === daily.day && now >= known.from && now < known.to) return false;
    const day = utcDay(now);
    if (day !== daily.day) return day > daily.day;
    const from = Math.floor(now / DAY_MS) * DAY_MS;
    this.dayKnown = { day, from, to: from + DAY_MS };
    return false;
  }

  /**
   * The figures of one decision. The daily-loss state rolls at three moments only: the
   * day's first decision (its starting equity), when a settled order closes a plan (a loss
   * is realized), and when risk reads it to judge a proposal (one that passed the checks
   * needing no money: stacking, open plans, cooldown).
   */
  startDecision(snapshot: TradingSnapshot, livePlans: readonly Plan[], balances: Balances, quote: string, now: number, settlement: Settlement): DecisionDay {
    return new DecisionDay(this, this.risk, snapshot, livePlans, balances, quote, now, settlement);
  }
}

export class DecisionDay {
  private daily: DailyRiskState | undefined;
  private rolled: DailyRiskState | undefined;
  private equity: Decimal | undefined;
  private exposure: ReadonlyMap<string, Decimal> | undefined;

  constructor(
    private readonly valuation: DecisionValuation,
    readonly risk: RiskConfig,
    private readonly snapshot: TradingSnapshot,
    readonly livePlans: readonly Plan[],
    private readonly balances: Balances,
    private readonly quote: string,
    readonly now: number,
    private readonly settlement: Settlement,
  ) {
    this.daily = snapshot.daily;
    // Rolled once for the decision: risk's later read gets the same state (same day, same equity).
    if (valuation.startsDay(snapshot.daily, now) || settlement.plans.some((p) => p.status === 'closed')) this.rolled = this.roll();
  }

  /**
   * The money figures are worked out when risk first reads them: most proposals end at a
   * check that needs none (stacking, cooldown), and then nothing is valued or rolled.
   */
  riskContext(killSwitch: KillSwitchState, market: Market, window?: CandleWindow): RiskContext {
    const { settlement, snapshot } = this;
    const lastStopOutAt = settlement.stopOuts.size === 0 ? snapshot.lastStopOutAt : new Map([...snapshot.lastStopOutAt, ...settlement.stopOuts]);
    return new DayRiskContext(this, killSwitch, market, lastStopOutAt, window);
  }

  /** The free quote balance of the venue's answer this decision read. */
  quoteFree(quote: string): Decimal {
    return freeOf(this.balances, quote);
  }

  /** Quote value held or committed per symbol by the decision's live plans. */
  exposureBySymbol(): ReadonlyMap<string, Decimal> {
    return (this.exposure ??= exposureBySymbol(this.livePlans));
  }

  /** The day's state rolled once for this decision: every read after the first gives the same. */
  rolledToday(): DailyRiskState {
    if (this.rolled === undefined) this.rolled = this.roll();
    return this.rolled;
  }

  equityNow(): Decimal {
    return (this.equity ??= this.valuation.equity(this.balances, this.quote, this.livePlans));
  }

  /** The day's state when this decision moved it, to be committed with it. */
  dailyChanged(): DailyRiskState | undefined {
    return this.daily !== this.snapshot.daily ? this.daily : undefined;
  }

  private roll(): DailyRiskState {
    return (this.daily = rollDailyRiskState(this.daily, this.now, this.equityNow(), this.risk));
  }
}

/**
 * Risk's view of one decision. The money figures are worked out when risk first reads them:
 * most proposals end at a check that needs none (stacking, cooldown), and then nothing is
 * valued or rolled. Getters on the prototype: a proposal costs one small object, no closures.
 */
class DayRiskContext implements RiskContext {
  constructor(
    private readonly day: DecisionDay,
    readonly killSwitch: KillSwitchState,
    readonly market: Market,
    readonly lastStopOutAt: ReadonlyMap<string, number>,
    readonly window?: CandleWindow,
  ) {}

  get now(): number {
    return this.day.now;
  }

  get config(): RiskConfig {
    return this.day.risk;
  }

  get livePlans(): readonly Plan[] {
    return this.day.livePlans;
  }

  get equity(): Decimal {
    return this.day.equityNow();
  }

  get quoteFree(): Decimal {
    return this.day.quoteFree(this.market.quote);
  }

  get exposureBySymbol(): ReadonlyMap<string, Decimal> {
    return this.day.exposureBySymbol();
  }

  get daily(): DailyRiskState {
    return this.day.rolledToday();
  }
}
