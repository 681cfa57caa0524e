import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDynamoDbClient } from '../../lib/adapters/dynamodb/createDynamoDbClient.js';
import { type TableNames, tableNamesWithPrefix } from '../../lib/adapters/dynamodb/tableDefinitions.js';
import { createBotTables } from '../../lib/local/createBotTables.js';

const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface LocalTables {
  readonly endpoint: string;
  readonly client: DynamoDBDocumentClient;
  /** A plain (not document) client of the same DynamoDB Local. */
  rawClient(): DynamoDBClient;
  /** A fresh set of the bot's tables, so tests never see each other's items. */
  freshTables(): Promise<TableNames>;
}

/** The run's DynamoDB Local (started once by test/support/globalDynamoDbLocal.ts), with a client for this file. */
export function useDynamoDbLocal(): LocalTables {
  const endpoint = inject('dynamoDbLocalEndpoint');
  let client: DynamoDBDocumentClient | undefined;
  beforeAll(() => {
    client = createDynamoDbClient({ endpoint, region: 'local', credentials: CREDENTIALS });
  });
  afterAll(() => client?.destroy());
  const rawClient = () => new DynamoDBClient({ endpoint, region: 'local', credentials: CREDENTIALS });
  return {
    endpoint,
    get client() {
      if (!client) throw new Error('the DynamoDB client exists only inside tests');
      return client;
    },
    rawClient,
    async freshTables() {
      const names = tableNamesWithPrefix(`t${randomUUID().slice(0, 8)}`);
      const raw = rawClient();
      await createBotTables(raw, names);
      raw.destroy();
      return names;
    },
  };
}
