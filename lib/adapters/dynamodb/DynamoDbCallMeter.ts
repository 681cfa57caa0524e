import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoDbCallReading {
  /** Calls by command name, each once however often the SDK retried it. */
  readonly calls: Readonly<Record<string, number>>;
  /** Wall time spent in those calls, retries included, in ms. */
  readonly ms: number;
}

/**
 * Counts and times the commands a client sends: a middleware at the initialize step,
 * which runs once per `send`, around the SDK's retries.
 */
export class DynamoDbCallMeter {
  private calls: Record<string, number> = {};
  private ms = 0;

  constructor(client: DynamoDBDocumentClient) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const name = context.commandName ?? 'unknown';
        this.calls[name] = (this.calls[name] ?? 0) + 1;
        const started = performance.now();
        try {
          return await next(args);
        } finally {
          this.ms += performance.now() - started;
        }
      },
      { step: 'initialize', name: 'dynamoDbCallMeter', override: true },
    );
  }

  /** The reading since the last take, and starts again from zero. */
  take(): DynamoDbCallReading {
    const reading = { calls: this.calls, ms: this.ms };
    this.calls = {};
    this.ms = 0;
    return reading;
  }
}
