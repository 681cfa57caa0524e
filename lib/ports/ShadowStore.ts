import type { DailyRiskState } from '../domain/dailyRiskState.js';
import type { Plan } from '../domain/plan.js';

/** A shadow's virtual ledger as it stood at its last stored plan event. */
export interface ShadowLedgerState {
  readonly ledgerVersion: number;
  /** Plans not ended yet (entering, open, exiting). */
  readonly livePlans: readonly Plan[];
  readonly daily?: DailyRiskState;
  readonly lastStopOutAt: Readonly<Record<string, number>>;
  /** Series key → open time of its newest decision committed to the book. */
  readonly decidedUpTo: Readonly<Record<string, number>>;
}

/**
 * One shadow's virtual book: what it needs to go on after a cold start. The venue's state is
 * kept as the virtual venue wrote it (JSON), opaque to the store.
 */
export interface ShadowBook {
  readonly id: string;
  /** Stored writes of this book so far: each write holds only over the version it was made on. */
  readonly version: number;
  readonly updatedAt: number;
  readonly ledger: ShadowLedgerState;
  readonly venue: string;
}

/** A virtual plan's event as stored: when it opened, or when it resolved. */
export interface ShadowPlanEvent {
  readonly bookId: string;
  readonly at: number;
  readonly plan: Plan;
}

/** What one write stores: the book as it now stands, and the plans that opened or resolved since the last write. */
export interface ShadowBookWrite {
  readonly book: ShadowBook;
  readonly opened: readonly Plan[];
  readonly resolved: readonly Plan[];
}

export interface ShadowPruneResult {
  readonly deleted: number;
  /** Book id → plan events deleted. */
  readonly byBook: Readonly<Record<string, number>>;
  /** The budget ran out: more may be left for the next run. */
  readonly capped: boolean;
}

/**
 * The shadow strategies' store: each virtual book, and its plans as they open and resolve.
 * Written only on those events (never per candle); every book is read in one look on a cold start.
 */
export interface ShadowStore {
  /** Every stored book, by id (one read of all of them). */
  loadBooks(): Promise<ReadonlyMap<string, ShadowBook>>;
  /** One book read fresh (after a write found it moved). */
  loadBook(id: string): Promise<ShadowBook | undefined>;
  /** Stores the book over `book.version - 1` (0: a new book) and the plan events, all or nothing; LedgerChangedError (nothing written) when another process wrote it first. */
  write(write: ShadowBookWrite, now: number): Promise<void>;
  /** The book's newest resolved plans, newest first, at most `limit`. */
  resolvedPlans(bookId: string, limit: number): Promise<readonly Plan[]>;
  /** Deletes plan events older than `before` (epoch ms), at most `maxDeletes` in a run. */
  pruneBefore(before: number, maxDeletes: number): Promise<ShadowPruneResult>;
}
