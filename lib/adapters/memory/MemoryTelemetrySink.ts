import type { DecisionRecord } from '../../domain/decisionRecord.js';
import type { TelemetrySink } from '../../ports/repositories.js';

/** A record built when first read (see QuietDecision). */
export interface DeferredRecord {
  readonly record: DecisionRecord;
}

/** The newest `size` decisions of a run, the first of them its `from`-th: made only when read. */
class KeptRun {
  constructor(
    public from: number,
    public size: number,
    readonly recordOf: (index: number) => DeferredRecord,
  ) {}
}

type Kept = DecisionRecord | DeferredRecord | KeptRun;

/**
 * Keeps the newest `capacity` decision records, oldest first, and counts them all, so a
 * backtest of millions of candles keeps its telemetry in bounded memory. A quiet run's
 * decisions are kept as the run, not one by one: their records are made only if still kept
 * when read, and most are pushed out long before.
 */
export class MemoryTelemetrySink implements TelemetrySink {
  private kept: (Kept | undefined)[] = [];
  /** Index in `kept` of the oldest entry still kept. */
  private head = 0;
  /** Decisions the kept entries hold. */
  private held = 0;
  count = 0;

  constructor(private readonly capacity = 100_000) {}

  record(decision: DecisionRecord): void {
    this.keep(decision, 1, 1);
  }

  /** Counts a decision now and builds its record only if it is still kept when read. */
  recordLater(decision: DeferredRecord): void {
    this.keep(decision, 1, 1);
  }

  /**
   * Counts a run of `decisions` decided together (a backtest's quiet run) and keeps the
   * newest the capacity holds; `recordOf(i)` makes the i-th's record, oldest first, when read.
   */
  recordRun(decisions: number, recordOf: (index: number) => DeferredRecord): void {
    const size = Math.min(decisions, this.capacity);
    if (size > 0) this.keep(new KeptRun(decisions - size, size, recordOf), size, decisions);
    else this.count += decisions;
  }

  private keep(entry: Kept, size: number, decisions: number): void {
    this.kept.push(entry);
    this.held += size;
    this.count += decisions;
    while (this.held > this.capacity) this.dropOldest(this.held - this.capacity);
    // The dropped slots are cut off now and then, not on every call.
    if (this.head >= 1_024 && this.head * 2 >= this.kept.length) {
      this.kept = this.kept.slice(this.head);
      this.head = 0;
    }
  }

  /** Drops up to `excess` of the oldest kept decisions: the oldest entry, or the front of its run. */
  private dropOldest(excess: number): void {
    const oldest = this.kept[this.head] as Kept;
    if (oldest instanceof KeptRun && oldest.size > excess) {
      oldest.from += excess;
      oldest.size -= excess;
      this.held -= excess;
      return;
    }
    this.kept[this.head] = undefined;
    this.head++;
    this.held -= oldest instanceof KeptRun ? oldest.size : 1;
  }

  /** The kept records, oldest first. */
  records(): DecisionRecord[] {
    const out: DecisionRecord[] = [];
    for (let i = this.head; i < this.kept.length; i++) {
      const entry = this.kept[i] as Kept;
      if (entry instanceof KeptRun) for (let j = 0; j < entry.size; j++) out.push(entry.recordOf(entry.from + j).record);
      else out.push('record' in entry ? entry.record : entry);
    }
    return out;
  }
}
