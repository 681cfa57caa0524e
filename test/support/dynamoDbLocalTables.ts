import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { createDynamoDbClient } from '../../lib/adapters/dynamodb/createDynamoDbClient.js';
import { type TableNames, tableNamesWithPrefix } from '../../lib/adapters/dynamodb/tableDefinitions.js';
import { createBotTables } from '../../lib/local/createBotTables.js';
import { DynamoDbLocal } from '../../lib/local/DynamoDbLocal.js';

export interface LocalTables {
  readonly local: DynamoDbLocal;
  readonly client: DynamoDBDocumentClient;
  /** A fresh set of the bot's tables, so tests in one file never see each other's items. */
  freshTables(): Promise<TableNames>;
}

/** One DynamoDB Local for the test file, stopped after it. */
export function useDynamoDbLocal(): LocalTables {
  let local: DynamoDbLocal | undefined;
  let client: DynamoDBDocumentClient | undefined;
  beforeAll(async () => {
    local = await DynamoDbLocal.start();
    client = createDynamoDbClient({ endpoint: local.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  });
  afterAll(async () => {
    client?.destroy();
    await local?.stop();
  });
  return {
    get local() {
      if (!local) throw new Error('DynamoDB Local is not started yet');
      return local;
    },
    get client() {
      if (!client) throw new Error('DynamoDB Local is not started yet');
      return client;
    },
    async freshTables() {
      if (!local) throw new Error('DynamoDB Local is not started yet');
      const names = tableNamesWithPrefix(`t${randomUUID().slice(0, 8)}`);
      const raw = local.client();
      await createBotTables(raw, names);
      raw.destroy();
      return names;
    },
  };
}
