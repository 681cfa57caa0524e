import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The handle composition roots pass to the DynamoDB adapters, without importing the SDK themselves. */
export type DynamoDbClient = DynamoDBDocumentClient;

export interface DynamoDbClientOptions {
  readonly region?: string;
  /** DynamoDB Local's address; AWS's own when absent. */
  readonly endpoint?: string;
  readonly credentials?: DynamoDBClientConfig['credentials'];
  /** Attempts per call, the first included; throttling and 5xx are retried with backoff by the SDK. */
  readonly maxAttempts?: number;
}

/**
 * A document client whose retries come from the SDK's adaptive retry strategy:
 * exponential backoff with jitter, plus client-side rate limiting once throttled.
 */
export function createDynamoDbClient(options: DynamoDbClientOptions = {}): DynamoDbClient {
  const client = new DynamoDBClient({
    ...(options.region ? { region: options.region } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: options.maxAttempts ?? 6,
    retryMode: 'adaptive',
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
