import { describe, expect, it } from 'vitest';
import { toSendBatches } from '../../../../lib/adapters/sqs/toSendBatches.js';

const entry = (id: string, bodyBytes: number) => ({ request: { Id: id, MessageBody: 'x'.repeat(bodyBytes) } });
const ids = (batches: { request: { Id: string } }[][]) => batches.map((batch) => batch.map((e) => e.request.Id));

describe('Function: toSendBatches', () => {
  it('puts at most 10 entries in a batch, in order', () => {
    const entries = Array.from({ length: 21 }, (_, i) => entry(`m${i}`, 10));
    expect(ids(toSendBatches(entries)).map((batch) => batch.length)).toEqual([10, 10, 1]);
    expect(ids(toSendBatches(entries)).flat()).toEqual(entries.map((e) => e.request.Id));
  });

  it('starts a new batch before the payload would pass 256 KiB', () => {
    const entries = [entry('a', 100_000), entry('b', 100_000), entry('c', 62_144), entry('d', 1)];
    expect(ids(toSendBatches(entries))).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('gives no batch for no entries', () => {
    expect(toSendBatches([])).toEqual([]);
  });
});
