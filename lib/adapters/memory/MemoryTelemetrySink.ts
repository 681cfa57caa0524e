import type { DecisionRecord } from '../../domain/decisionRecord.js';
import type { TelemetrySink } from '../../ports/repositories.js';

/** A record built when first read (see QuietDecision). */
export interface DeferredRecord {
  readonly record: DecisionRecord;
}

/**
 * Keeps the newest `capacity` decision records in a ring and counts them all, so a
 * backtest of millions of candles keeps its telemetry in bounded memory.
 */
export class MemoryTelemetrySink implements TelemetrySink {
  private readonly ring: (DecisionRecord | DeferredRecord | undefined)[];
  private next = 0;
  count = 0;

  constructor(private readonly capacity = 100_000) {
    this.ring = new Array<DecisionRecord | DeferredRecord | undefined>(capacity);
  }

  record(decision: DecisionRecord): void {
    this.keep(decision);
  }

  /** Counts a decision now and builds its record only if it is still kept when read. */
  recordLater(decision: DeferredRecord): void {
    this.keep(decision);
  }

  /**
   * Counts a run of `decisions` decided together (a backtest's quiet run) and keeps the
   * records of the newest the ring holds; `recordOf(i)` makes the i-th's, oldest first.
   */
  recordRun(decisions: number, recordOf: (index: number) => DeferredRecord): void {
    const kept = Math.min(decisions, this.capacity);
    this.count += decisions - kept;
    for (let i = decisions - kept; i < decisions; i++) this.keep(recordOf(i));
  }

  private keep(entry: DecisionRecord | DeferredRecord): void {
    this.ring[this.next] = entry;
    // A compare, not `%`: this runs on every candle of a backtest, and an integer division costs more.
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
    this.count++;
  }

  /** The kept records, oldest first. */
  records(): DecisionRecord[] {
    const kept = Math.min(this.count, this.capacity);
    const start = this.count > this.capacity ? this.next : 0;
    const out: DecisionRecord[] = [];
    for (let i = 0; i < kept; i++) {
      const r = this.ring[(start + i) % this.capacity];
      if (r) out.push('record' in r ? r.record : r);
    }
    return out;
  }
}
