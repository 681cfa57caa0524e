import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbFillRepository, MAX_FILL_DAYS } from '../../../../lib/adapters/dynamodb/DynamoDbFillRepository.js';
import { tableNamesWithPrefix } from '../../../../lib/adapters/dynamodb/tableDefinitions.js';
import { InvalidInputError } from '../../../../lib/domain/errors.js';

const NOW = Date.UTC(2026, 11, 3, 12);
const DAY = 86_400_000;

/** A client that counts what is sent and answers every query with no items. */
function countingClient() {
  const sent: unknown[] = [];
  const client = { send: (command: unknown) => (sent.push(command), Promise.resolve({ Items: [] })) } as unknown as DynamoDBDocumentClient;
  return { client, sent };
}

describe('Class: DynamoDbFillRepository', () => {
  describe('Method: since', () => {
    it('refuses since(0), naming the span, before sending a single query (it used to send 20,000, one a day from 1970)', async () => {
      const { client, sent } = countingClient();
      const fills = new DynamoDbFillRepository(client, tableNamesWithPrefix('t'), { now: () => NOW });

      const refused = fills.since(0);

      await expect(refused).rejects.toThrow(InvalidInputError);
      await expect(refused).rejects.toThrow(`since: 0 asks for 20791 days of fills, one query a day; at most ${MAX_FILL_DAYS} are read (from 2025-10-30)`);
      expect(sent).toHaveLength(0);
    });

    it(`reads the oldest day it allows with one query a day: ${MAX_FILL_DAYS} queries`, async () => {
      const { client, sent } = countingClient();
      const fills = new DynamoDbFillRepository(client, tableNamesWithPrefix('t'), { now: () => NOW });

      expect(await fills.since(NOW - (MAX_FILL_DAYS - 1) * DAY)).toEqual([]);
      expect(sent).toHaveLength(MAX_FILL_DAYS);
    });
  });
});
