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

    const request = (lockId: string) => ({ lockId, reason: lockId, resumeHalted: false });
    const locks = await Promise.all([state.lock(NOW, request('deploy')), state.lock(NOW, request('drift'))]);
    expect(locks.filter(Boolean)).toHaveLength(1);
    const holder = locks[0] ? 'deploy' : 'drift';
    expect(await state.get()).toEqual({ status: 'RECONCILING', ledgerVersion: 1, updatedAt: NOW, reason: holder, lockedBy: holder });
    await expect(ledger.commit({ ledgerVersion: 1, now: NOW, plans: [], orders: [], fills: [] })).rejects.toBeInstanceOf(LedgerChangedError);
    // A retried Lock step of the holder takes it again; the other still cannot.
    expect(await state.lock(NOW, request(holder))).toBe(true);
    expect(await state.lock(NOW, request(holder === 'deploy' ? 'drift' : 'deploy'))).toBe(false);

    expect(await state.unlock(NOW + 1, 'someone else')).toBe(false);
    expect(await state.unlock(NOW + 1, holder)).toBe(true);
    expect(await state.get()).toEqual({ status: 'ACTIVE', ledgerVersion: 3, updatedAt: NOW + 1, reason: 'reconciled' });
    expect(await state.unlock(NOW + 2, holder)).toBe(false);
  });

  it('halts from any status, dropping the lock, and a halted bot is locked only when asked to resume', async () => {
    const state = new DynamoDbBotStateStore(dynamo.client, await dynamo.freshTables());
    expect(await state.lock(NOW, { lockId: 'run-1', reason: 'deploy', resumeHalted: false })).toBe(true);
    await state.halt(NOW, 'balance drift beyond tolerance');
    expect(await state.get()).toEqual({ status: 'HALTED', ledgerVersion: 2, updatedAt: NOW, reason: 'balance drift beyond tolerance' });
    expect(await state.lock(NOW + 1, { lockId: 'drift-1', reason: 'drift', resumeHalted: false })).toBe(false);
    expect(await state.lock(NOW + 2, { lockId: 'run-2', reason: 'run', resumeHalted: true })).toBe(true);
    expect(await state.get()).toEqual({ status: 'RECONCILING', ledgerVersion: 3, updatedAt: NOW + 2, reason: 'run', lockedBy: 'run-2' });
  });
});
