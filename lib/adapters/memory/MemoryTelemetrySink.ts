import type { DecisionRecord } from '../../domain/decisionRecord.js';
import type { TelemetrySink } from '../../ports/repositories.js';

/**
 * Keeps the newest `capacity` decision records in a ring and counts them all, so a
 * backtest of millions of candles keeps its telemetry in bounded memory.
 */
export class MemoryTelemetrySink implements TelemetrySink {
  private readonly ring: (DecisionRecord | undefined)[];
  private next = 0;
  count = 0;

  constructor(private readonly capacity = 100_000) {
    this.ring = new Array<DecisionRecord | undefined>(capacity);
  }

  record(decision: DecisionRecord): void {
    this.ring[this.next] = decision;
    this.next = (this.next + 1) % this.capacity;
    this.count++;
  }

  /** The kept records, oldest first. */
  records(): DecisionRecord[] {
    const kept = Math.min(this.count, this.capacity);
    const start = this.count > this.capacity ? this.next : 0;
    const out: DecisionRecord[] = [];
    for (let i = 0; i < kept; i++) {
      const r = this.ring[(start + i) % this.capacity];
      if (r) out.push(r);
    }
    return out;
  }
}
