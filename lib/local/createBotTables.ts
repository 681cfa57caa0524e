import { CreateTableCommand, type DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../adapters/dynamodb/createTableInput.js';
import { TABLE_DEFINITIONS, TABLE_IDS, type TableNames } from '../adapters/dynamodb/tableDefinitions.js';

/** Creates every bot table from the definitions the stack deploys, TTL included. */
export async function createBotTables(client: DynamoDBClient, names: TableNames): Promise<void> {
  for (const id of TABLE_IDS) {
    const definition = TABLE_DEFINITIONS[id];
    await client.send(new CreateTableCommand(createTableInput(definition, names[id])));
    if (definition.timeToLiveAttribute) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: names[id],
          TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
        }),
      );
    }
  }
}
