import { MemoryLedgerStore } from '../../adapters/memory/MemoryLedgerStore.js';
import type { Awaitable } from '../../domain/awaitable.js';
import { LedgerChangedError } from '../../domain/errors.js';
import type { Order, OrderIntent } from '../../domain/order.js';
import { type Plan, isLive } from '../../domain/plan.js';
import type { LedgerCommit, LedgerStore, TradingSnapshot } from '../../ports/LedgerStore.js';
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
 * A shadow's virtual ledger: the memory ledger (the live one's guards) made from the stored
 * book, and stored with its venue in the shadow store only when a plan opens or resolves
 * (never per candle). A cold process goes on from the book as last stored; a write that
 * finds the book moved (another process wrote it) raises LedgerChangedError, and the next
 * load reads the book again, so the decision cycle decides the candle again on it.
 */
export class ShadowBookLedger implements LedgerStore {
  private loaded = false;
  private stale = false;
  private version = 0;
  /** The book in memory: made again from the stored book at each (re)load. */
  private book = new MemoryLedgerStore();

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
    return this.book.livePlans();
  }

  async load(): Promise<TradingSnapshot> {
    await this.ready();
    return this.book.load();
  }

  insertIntent(intent: OrderIntent, ledgerVersion: number): Promise<void> {
    return this.book.insertIntent(intent, ledgerVersion);
  }

  recordedOrder(clientOrderId: string): Promise<Order | undefined> {
    return this.book.recordedOrder(clientOrderId);
  }

  recordRejection(order: Order): Promise<void> {
    return this.book.recordRejection(order);
  }

  /** By the stored watermark: a candle at or before the newest decided one of its series is decided. */
  decisionRecorded(symbol: string, timeframe: string, candleOpenTime: number): Promise<boolean> {
    const upTo = this.book.lastDecided(symbol, timeframe);
    return Promise.resolve(upTo !== undefined && candleOpenTime <= upTo);
  }

  async commit(commit: LedgerCommit): Promise<number> {
    if (this.stale) throw new LedgerChangedError(commit.ledgerVersion);
    const before = commit.plans.length > 0 ? new Map(this.book.livePlans().map((plan) => [plan.id, plan])) : undefined;
    const ledgerVersion = await this.book.commit(commit);
    const opened: Plan[] = [];
    const resolved: Plan[] = [];
    for (const { plan } of commit.plans) {
      if (plan.openedAt !== undefined && before?.get(plan.id)?.openedAt === undefined) opened.push(plan);
      if (!isLive(plan) && plan.openedAt !== undefined) resolved.push(plan);
    }
    if (opened.length > 0 || resolved.length > 0) await this.store(opened, resolved, commit.now);
    return ledgerVersion;
  }

  private async store(opened: readonly Plan[], resolved: readonly Plan[], now: number): Promise<void> {
    const book: ShadowBook = { id: this.options.id, version: this.version + 1, updatedAt: now, ledger: this.book.ledgerState(), venue: this.options.venue.toJson() };
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
    this.version = book?.version ?? 0;
    // Orders of a decision whose write failed went only to the discarded venue: their ids are free again.
    this.book = new MemoryLedgerStore(book?.ledger);
    venue.restore(book?.venue, `BOOK/${id}`);
    this.loaded = true;
    this.stale = false;
  }
}
