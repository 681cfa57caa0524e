import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { tableNamesWithPrefix } from '../../../../lib/adapters/dynamodb/tableDefinitions.js';
import { DynamoDbLocal } from '../../../../lib/local/DynamoDbLocal.js';
import { DynamoDbBotStateStore } from '../../../../lib/adapters/dynamodb/DynamoDbBotStateStore.js';
import { DynamoDbLedgerStore } from '../../../../lib/adapters/dynamodb/DynamoDbLedgerStore.js';
import { LedgerChangedError } from '../../../../lib/domain/errors.js';
import { useDynamoDbLocal } from '../../../support/dynamoDbLocalTables.js';

const dynamo = useDynamoDbLocal();
const NOW = Date.UTC(2026, 10, 22);

describe('Class: DynamoDbBotStateStore', () => {
  it('finds the bot tables a launcher created from the definitions', async () => {
    const names = tableNamesWithPrefix('launched');
    const launched = await DynamoDbLocal.start({ botTables: names });
    try {
      const client = launched.client();
      const listed = await client.send(new ListTablesCommand({}));
      client.destroy();
      expect(listed.TableNames?.sort()).toEqual(Object.values(names).sort());
    } finally {
      await launched.stop();
    }
  });

  it('lets one of two concurrent reconciliations lock, and stops decisions while locked', async () => {
    const tables = await dynamo.freshTables();
    const state = new DynamoDbBotStateStore(dynamo.client, tables);
    const ledger = new DynamoDbLedgerStore({ client: dynamo.client, tables, telemetryRetentionDays: 1 });

    const locks = await Promise.all([state.lock(NOW, 'after deploy'), state.lock(NOW, 'drift')]);
    expect(locks.filter(Boolean)).toHaveLength(1);
    expect(await state.get()).toMatchObject({ status: 'RECONCILING', ledgerVersion: 1, updatedAt: NOW });
    await expect(ledger.commit({ ledgerVersion: 1, now: NOW, plans: [], orders: [], fills: [] })).rejects.toBeInstanceOf(LedgerChangedError);

    expect(await state.unlock(NOW + 1)).toBe(true);
    expect(await state.get()).toEqual({ status: 'ACTIVE', ledgerVersion: 2, updatedAt: NOW + 1, reason: 'reconciled' });
    expect(await state.unlock(NOW + 2)).toBe(false);
  });

  it('halts from any status, and a halted bot cannot be locked', async () => {
    const state = new DynamoDbBotStateStore(dynamo.client, await dynamo.freshTables());
    await state.halt(NOW, 'balance drift beyond tolerance');
    expect(await state.get()).toEqual({ status: 'HALTED', ledgerVersion: 1, updatedAt: NOW, reason: 'balance drift beyond tolerance' });
    expect(await state.lock(NOW + 1, 'drift')).toBe(false);
  });
});
