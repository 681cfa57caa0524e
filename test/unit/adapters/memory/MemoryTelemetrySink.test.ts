import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryTelemetrySink } from '../../../../lib/adapters/memory/MemoryTelemetrySink.js';
import type { DecisionRecord } from '../../../../lib/domain/decisionRecord.js';

/** A stand-in record, told apart by its candle time. */
function aRecord(n: number): DecisionRecord {
  return { candleOpenTime: n } as unknown as DecisionRecord;
}

interface Call {
  readonly kind: 'record' | 'later' | 'run';
  /** For a run: how many decisions it holds. */
  readonly decisions: number;
}

const callArb: fc.Arbitrary<Call> = fc.oneof(
  fc.constant({ kind: 'record' as const, decisions: 1 }),
  fc.constant({ kind: 'later' as const, decisions: 1 }),
  fc.integer({ min: 0, max: 40 }).map((decisions) => ({ kind: 'run' as const, decisions })),
);

describe('Class: MemoryTelemetrySink', () => {
  it('keeps the newest `capacity` records, oldest first, and counts every decision: single records and quiet runs in any order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.array(callArb, { maxLength: 120 }), (capacity, calls) => {
        const sink = new MemoryTelemetrySink(capacity);
        const all: DecisionRecord[] = [];
        let made = 0;
        for (const call of calls) {
          if (call.kind === 'record') {
            all.push(aRecord(all.length));
            sink.record(all[all.length - 1] as DecisionRecord);
          } else if (call.kind === 'later') {
            const record = aRecord(all.length);
            all.push(record);
            sink.recordLater({ record });
          } else {
            const first = all.length;
            for (let i = 0; i < call.decisions; i++) all.push(aRecord(first + i));
            sink.recordRun(call.decisions, (i) => {
              made++;
              return { record: all[first + i] as DecisionRecord };
            });
          }
        }
        expect(sink.count).toBe(all.length);
        expect(made).toBe(0);
        expect(sink.records()).toEqual(all.slice(Math.max(0, all.length - capacity)));
        // A run's records are made only for the decisions still kept when read.
        expect(made).toBeLessThanOrEqual(capacity);
      }),
      { numRuns: 500 },
    );
  });

  it('holds a long backtest in bounded memory: a million quiet decisions in runs make only the records still kept', () => {
    const sink = new MemoryTelemetrySink(1_000);
    let made = 0;
    for (let run = 0; run < 5_000; run++) {
      sink.recordRun(200, (i) => {
        made++;
        return { record: aRecord(run * 200 + i) };
      });
      sink.record(aRecord(-1));
    }
    expect(sink.count).toBe(1_005_000);
    const records = sink.records();
    expect(records).toHaveLength(1_000);
    expect(made).toBe(995);
    expect(records[records.length - 1]).toEqual(aRecord(-1));
    expect(records[records.length - 2]).toEqual(aRecord(4_999 * 200 + 199));
  });
});
