import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoDbCallReading {
  /** Calls by command name, each once however often the SDK retried it. */
  readonly calls: Readonly<Record<string, number>>;
  /** Wall time spent in those calls, retries included, in ms. */
  readonly ms: number;
  /** Capacity units the table reported (ReturnConsumedCapacity TOTAL), when `capacity` is on. */
  readonly readUnits: number;
  readonly writeUnits: number;
}

interface Consumed {
  readonly ReadCapacityUnits?: number;
  readonly WriteCapacityUnits?: number;
  readonly CapacityUnits?: number;
}

/** Commands that take ReturnConsumedCapacity. */
const DATA_COMMANDS = /^(Get|Put|Update|Delete|Query|Scan|BatchGet|BatchWrite|TransactGet|TransactWrite)(Item|Items)?Command$|^(Query|Scan)Command$/;

/**
 * Counts and times the commands a client sends: a middleware at the initialize step,
 * which runs once per `send`, around the SDK's retries.
 */
export class DynamoDbCallMeter {
  private calls: Record<string, number> = {};
  private ms = 0;
  private readUnits = 0;
  private writeUnits = 0;

  /** With `capacity`, every data command asks for its consumed capacity (the cost benchmark's reading). */
  constructor(client: DynamoDBDocumentClient, options: { readonly capacity?: boolean } = {}) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const name = context.commandName ?? 'unknown';
        this.calls[name] = (this.calls[name] ?? 0) + 1;
        const started = performance.now();
        const input = args.input as Record<string, unknown>;
        if (options.capacity && DATA_COMMANDS.test(name)) input.ReturnConsumedCapacity = 'TOTAL';
        try {
          const result = await next(args);
          if (options.capacity) this.addCapacity(name, (result.output as { ConsumedCapacity?: Consumed | Consumed[] }).ConsumedCapacity);
          return result;
        } finally {
          this.ms += performance.now() - started;
        }
      },
      { step: 'initialize', name: 'dynamoDbCallMeter', override: true },
    );
  }

  /** The reading since the last take, and starts again from zero. */
  take(): DynamoDbCallReading {
    const reading = { calls: this.calls, ms: this.ms, readUnits: this.readUnits, writeUnits: this.writeUnits };
    this.calls = {};
    this.ms = 0;
    this.readUnits = 0;
    this.writeUnits = 0;
    return reading;
  }

  private addCapacity(command: string, consumed: Consumed | Consumed[] | undefined): void {
    for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
      const isWrite = /Put|Update|Delete|BatchWrite|TransactWrite/.test(command);
      const total = entry.CapacityUnits ?? 0;
      this.readUnits += entry.ReadCapacityUnits ?? (isWrite ? 0 : total);
      this.writeUnits += entry.WriteCapacityUnits ?? (isWrite ? total : 0);
    }
  }
}
