import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableNames } from '../../lib/adapters/dynamodb/tableDefinitions.js';
import { mulberry32 } from '../../lib/domain/mulberry32.js';
import type { FunctionDeaths } from './FunctionDeaths.js';
import type { FaultCounter } from './FaultCounter.js';
import type { ChaosScenario } from './scenario.js';

export interface DynamoChaosOptions {
  readonly tables: TableNames;
  readonly deaths: FunctionDeaths;
  readonly settings: ChaosScenario['dynamo'];
  readonly seed: number;
  readonly counter: FaultCounter;
  readonly active: () => boolean;
}

interface WriteInput {
  readonly TableName?: string;
  readonly Item?: unknown;
  readonly TransactItems?: readonly { readonly Put?: { readonly TableName?: string } }[];
  readonly RequestItems?: Readonly<Record<string, unknown>>;
}

/**
 * DynamoDB faults through the functions' SDK client, while a function is invoked:
 * - throttling, injected inside the SDK's retry loop (the deserialize step), so the SDK's
 *   backoff retries it as it would AWS's, and only a streak of them reaches the code;
 * - transaction conflicts (TransactionCanceledException, reason TransactionConflict), which
 *   the SDK does not retry;
 * - the death points around the functions' writes: after an intent write, before and after a
 *   ledger commit, before a write that carries telemetry (the decision record), after
 *   capture's candles are stored (a batch write to the market table).
 */
export function installDynamoChaos(client: DynamoDBDocumentClient, options: DynamoChaosOptions): void {
  const { deaths, tables, settings, counter } = options;
  const random = mulberry32(options.seed);
  client.middlewareStack.add(
    (next) => async (args) => {
      if (!deaths.invoking) return next(args);
      deaths.assertAlive();
      const input = args.input as WriteInput;
      const write = writeKind(input, tables);
      if (write === 'commit') deaths.reach('beforeLedgerWrite');
      if (touchesTelemetry(input, tables)) deaths.reach('beforeTelemetryWrite');
      const output = await next(args);
      if (write === 'intent') deaths.reach('afterIntentWrite');
      if (write === 'commit') deaths.reach('afterLedgerWrite');
      if (input.RequestItems?.[tables.market] !== undefined) deaths.reach('afterCandlesStored');
      return output;
    },
    { step: 'initialize', name: 'chaosDeathPoints' },
  );
  client.middlewareStack.add(
    (next) => async (args) => {
      if (!deaths.invoking || !options.active()) return next(args);
      const input = args.input as WriteInput;
      if (random() < settings.throttleProbability) {
        counter.add('dynamodb throttled');
        throw new ProvisionedThroughputExceededException({ message: 'The level of configured provisioned throughput for the table was exceeded (chaos)', $metadata: { httpStatusCode: 400 } });
      }
      if (input.TransactItems !== undefined && random() < settings.conflictProbability) {
        counter.add('dynamodb transactionConflict');
        const CancellationReasons = input.TransactItems.map((_, index) => (index === 0 ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' } : { Code: 'None' }));
        throw new TransactionCanceledException({ message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict] (chaos)', $metadata: { httpStatusCode: 400 }, CancellationReasons });
      }
      return next(args);
    },
    { step: 'deserialize', name: 'chaosDynamoFaults' },
  );
}

/** The two transactions of decide and FLATTEN: the intent (a put on the orders table with the ledger guard) and the commit. */
function writeKind(input: WriteInput, tables: TableNames): 'intent' | 'commit' | undefined {
  if (input.TransactItems === undefined) return undefined;
  return input.TransactItems.some((item) => item.Put?.TableName === tables.orders) ? 'intent' : 'commit';
}

function touchesTelemetry(input: WriteInput, tables: TableNames): boolean {
  if (input.Item !== undefined && input.TableName === tables.telemetry) return true;
  return input.TransactItems?.some((item) => item.Put?.TableName === tables.telemetry) ?? false;
}
