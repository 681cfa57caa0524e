import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { LlmCallLog, LlmCallRecord } from '../../ports/LanguageModel.js';
import { expiresAt, fillDay, sortableTime } from './itemKeys.js';
import type { TableNames } from './tableDefinitions.js';

/** The partition of a UTC day's language model calls in the telemetry table. */
export const llmCallPartition = (at: number) => `LLMCALL#${fillDay(at)}`;

/** Every language model call in the telemetry table, one item each, expiring with the telemetry retention. */
export class DynamoDbLlmCallLog implements LlmCallLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tables: TableNames,
    private readonly retentionDays: number,
    private readonly now: () => number,
  ) {}

  async record(call: LlmCallRecord): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tables.telemetry,
        Item: {
          pk: llmCallPartition(call.at),
          sk: `${sortableTime(call.at)}#${call.promptHash}`,
          kind: 'llmCall',
          // From the wall clock: a call recorded for an old candle expires a retention after it was made.
          expiresAt: expiresAt(this.now(), this.retentionDays),
          ...call,
        },
      }),
    );
  }
}
