import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Counts the commands a client sends, by name, once per call however often the SDK
 * retries it: a middleware at the initialize step, which runs once per `send`.
 */
export class DynamoDbCallCounter {
  private counts: Record<string, number> = {};

  constructor(client: DynamoDBDocumentClient) {
    client.middlewareStack.add(
      (next, context) => (args) => {
        const name = context.commandName ?? 'unknown';
        this.counts[name] = (this.counts[name] ?? 0) + 1;
        return next(args);
      },
      { step: 'initialize', name: 'dynamoDbCallCounter', override: true },
    );
  }

  /** The counts since the last call, and starts again from zero. */
  take(): Record<string, number> {
    const counts = this.counts;
    this.counts = {};
    return counts;
  }
}
