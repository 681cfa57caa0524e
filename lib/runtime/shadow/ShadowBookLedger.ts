import type { Awaitable } from '../../domain/awaitable.js';
import { type BotState, FRESH_BOT_STATE } from '../../domain/botState.js';
import type { DailyRiskState } from '../../domain/dailyRiskState.js';
import { DecisionAlreadyRecordedError, DuplicateClientOrderIdError, LedgerChangedError, PlanVersionConflictError } from '../../domain/errors.js';
import type { Order, OrderIntent } from '../../domain/order.js';
import { type Plan, isLive } from '../../domain/plan.js';
import { type LedgerCommit, type LedgerStore, type TradingSnapshot, decidedSeriesKey } from '../../ports/LedgerStore.js';
import type { ShadowBook, ShadowStore } from '../../ports/ShadowStore.js';
import type { ShadowVenue } from './ShadowVenue.js';

export interface ShadowBookLedgerOptions {
  readonly id: string;
  readonly store: ShadowStore;
  readonly venue: ShadowVenue;
  /** Every stored book, read once per process (one query for the whole fleet). */
  readonly books: () => Promise<ReadonlyMap<string, ShadowBook>>;
  /** Told of each plan that resolved, once it is stored. */
  readonly onResolved?: (plan: Plan) => void;
}

/**
 * A shadow's virtual ledger: in memory, with the guards of the live one, and stored with its
 * venue in the shadow store only when a plan opens or resolves (never per candle). A cold
 * process goes on from the book as last stored; a write that finds the book moved (another
 * process wrote it) raises LedgerChangedError, and the next load reads the book again, so
 * the decision cycle decides the candle again on it.
 */
export class ShadowBookLedger implements LedgerStore {
  private loaded = false;
  private stale = false;
  private version = 0;
  private state: BotState = FRESH_BOT_STATE;
  private readonly live = new Map<string, Plan>();
  private daily: DailyRiskState | undefined;
  private readonly stopOuts = new Map<string, number>();
  private readonly decidedUpTo = new Map<string, number>();
  private readonly intents = new Set<string>();
  private readonly orders = new Map<string, Order>();

  constructor(private readonly options: ShadowBookLedgerOptions) {}

  get id(): string {
    return this.options.id;
  }

  /** At once once the book is loaded: a shadow's quiet candle touches no store. */
  ready(): Awaitable<void> {
    if (this.loaded && !this.stale) return undefined;
    return this.reload();
  }

  livePlans(): readonly Plan[] {
    return [...this.live.values()];
  }

  async load(): Promise<TradingSnapshot> {
    await this.ready();
    return {
      state: this.state,
      livePlans: [...this.live.values()],
      lastStopOutAt: new Map(this.stopOuts),
      decidedUpTo: new Map(this.decidedUpTo),
      ...(this.daily ? { daily: this.daily } : {}),
    };
  }

  insertIntent(intent: OrderIntent, ledgerVersion: number): Promise<void> {
    if (this.intents.has(intent.clientOrderId)) return Promise.reject(new DuplicateClientOrderIdError(intent.clientOrderId));
    if (ledgerVersion !== this.state.ledgerVersion) return Promise.reject(new LedgerChangedError(ledgerVersion));
    this.intents.add(intent.clientOrderId);
    return Promise.resolve();
  }

  recordedOrder(clientOrderId: string): Promise<Order | undefined> {
    return Promise.resolve(this.orders.get(clientOrderId));
  }

  recordRejection(order: Order): Promise<void> {
    this.orders.set(order.clientOrderId, order);
    return Promise.resolve();
  }

  decisionRecorded(symbol: string, timeframe: string, candleOpenTime: number): Promise<boolean> {
    const upTo = this.decidedUpTo.get(decidedSeriesKey(symbol, timeframe));
    return Promise.resolve(upTo !== undefined && candleOpenTime <= upTo);
  }

  async commit(commit: LedgerCommit): Promise<number> {
    const { decision } = commit;
    const watermark = decision && this.decidedUpTo.get(decidedSeriesKey(decision.symbol, decision.timeframe));
    if (decision && watermark !== undefined && decision.candleOpenTime <= watermark) throw new DecisionAlreadyRecordedError(decision.symbol, decision.timeframe, decision.candleOpenTime);
    if (this.stale || commit.ledgerVersion !== this.state.ledgerVersion) throw new LedgerChangedError(commit.ledgerVersion);
    for (const { plan, expectedVersion } of commit.plans) {
      const stored = this.live.get(plan.id)?.version ?? 0;
      if (stored !== expectedVersion || plan.version <= expectedVersion) throw new PlanVersionConflictError(plan.id, expectedVersion);
    }
    const opened: Plan[] = [];
    const resolved: Plan[] = [];
    for (const { plan } of commit.plans) {
      if (plan.openedAt !== undefined && this.live.get(plan.id)?.openedAt === undefined) opened.push(plan);
      if (isLive(plan)) this.live.set(plan.id, plan);
      else {
        this.live.delete(plan.id);
        if (plan.openedAt !== undefined) resolved.push(plan);
      }
    }
    for (const order of commit.orders) this.orders.set(order.clientOrderId, order);
    if (commit.daily) this.daily = commit.daily;
    for (const [symbol, time] of commit.stopOuts ?? []) this.stopOuts.set(symbol, time);
    if (decision) this.decidedUpTo.set(decidedSeriesKey(decision.symbol, decision.timeframe), decision.candleOpenTime);
    const changesPlans = commit.plans.length > 0 || commit.daily !== undefined || (commit.stopOuts?.size ?? 0) > 0;
    if (changesPlans) this.state = { ...this.state, ledgerVersion: this.state.ledgerVersion + 1, updatedAt: commit.now };
    if (opened.length > 0 || resolved.length > 0) await this.store(opened, resolved, commit.now);
    return this.state.ledgerVersion;
  }

  private async store(opened: readonly Plan[], resolved: readonly Plan[], now: number): Promise<void> {
    const book: ShadowBook = {
      id: this.options.id,
      version: this.version + 1,
      updatedAt: now,
      ledger: {
        ledgerVersion: this.state.ledgerVersion,
        livePlans: [...this.live.values()],
        ...(this.daily ? { daily: this.daily } : {}),
        lastStopOutAt: Object.fromEntries(this.stopOuts),
        decidedUpTo: Object.fromEntries(this.decidedUpTo),
      },
      venue: this.options.venue.toJson(),
    };
    try {
      await this.options.store.write({ book, opened, resolved }, now);
      this.version = book.version;
      for (const plan of resolved) this.options.onResolved?.(plan);
    } catch (error) {
      // What this process holds is no longer the book: read it again before anything else.
      this.stale = true;
      throw error;
    }
  }

  private async reload(): Promise<void> {
    const { id, store, venue } = this.options;
    const book = this.loaded ? await store.loadBook(id) : (await this.options.books()).get(id);
    this.live.clear();
    this.stopOuts.clear();
    this.decidedUpTo.clear();
    this.daily = undefined;
    // Orders of a decision whose write failed went only to the discarded venue: their ids are free again.
    this.intents.clear();
    this.orders.clear();
    this.version = book?.version ?? 0;
    if (book !== undefined) {
      const { ledger } = book;
      for (const plan of ledger.livePlans) this.live.set(plan.id, plan);
      for (const [symbol, time] of Object.entries(ledger.lastStopOutAt)) this.stopOuts.set(symbol, time);
      for (const [series, time] of Object.entries(ledger.decidedUpTo)) this.decidedUpTo.set(series, time);
      if (ledger.daily) this.daily = ledger.daily;
    }
    this.state = { ...FRESH_BOT_STATE, ledgerVersion: book?.ledger.ledgerVersion ?? 0 };
    venue.restore(book?.venue, `BOOK/${id}`);
    this.loaded = true;
    this.stale = false;
  }
}
