import { LedgerChangedError } from '../../domain/errors.js';
import type { Plan } from '../../domain/plan.js';
import type { ShadowBook, ShadowBookWrite, ShadowPlanEvent, ShadowPruneResult, ShadowStore } from '../../ports/ShadowStore.js';

/**
 * The shadow store in memory, with the DynamoDB store's guard (a book is written only over
 * the version it was read at): the backtest's shadow store, and what its report reads.
 */
export class MemoryShadowStore implements ShadowStore {
  private readonly books = new Map<string, ShadowBook>();
  private readonly opened = new Map<string, ShadowPlanEvent[]>();
  private readonly resolved = new Map<string, ShadowPlanEvent[]>();
  /** Stored writes, for a test or a report to count. */
  writes = 0;

  loadBooks(): Promise<ReadonlyMap<string, ShadowBook>> {
    return Promise.resolve(new Map(this.books));
  }

  loadBook(id: string): Promise<ShadowBook | undefined> {
    return Promise.resolve(this.books.get(id));
  }

  write({ book, opened, resolved }: ShadowBookWrite, now: number): Promise<void> {
    const previous = book.version - 1;
    if ((this.books.get(book.id)?.version ?? 0) !== previous) return Promise.reject(new LedgerChangedError(previous));
    this.books.set(book.id, { ...book, updatedAt: now });
    for (const plan of opened) append(this.opened, book.id, { bookId: book.id, at: plan.openedAt ?? now, plan });
    for (const plan of resolved) append(this.resolved, book.id, { bookId: book.id, at: plan.closedAt ?? plan.updatedAt, plan });
    this.writes++;
    return Promise.resolve();
  }

  resolvedPlans(bookId: string, limit: number): Promise<readonly Plan[]> {
    return Promise.resolve(this.resolvedInOrder(bookId).slice(-limit).reverse());
  }

  /** Every resolved plan of the book, oldest first. */
  resolvedInOrder(bookId: string): readonly Plan[] {
    return (this.resolved.get(bookId) ?? []).map((event) => event.plan);
  }

  openedCount(bookId: string): number {
    return this.opened.get(bookId)?.length ?? 0;
  }

  pruneBefore(before: number, maxDeletes: number): Promise<ShadowPruneResult> {
    const byBook: Record<string, number> = {};
    let deleted = 0;
    for (const events of [this.opened, this.resolved]) {
      for (const [id, list] of events) {
        const kept = list.filter((event) => event.at >= before || deleted >= maxDeletes || (deleted++, false));
        if (kept.length < list.length) byBook[id] = (byBook[id] ?? 0) + list.length - kept.length;
        events.set(id, kept);
      }
    }
    return Promise.resolve({ deleted, byBook, capped: deleted >= maxDeletes });
  }
}

function append(events: Map<string, ShadowPlanEvent[]>, id: string, event: ShadowPlanEvent): void {
  const list = events.get(id) ?? [];
  list.push(event);
  events.set(id, list);
}
