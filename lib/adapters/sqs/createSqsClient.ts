import { SQSClient } from '@aws-sdk/client-sqs';

export interface SqsClientOptions {
  /** @default the Lambda's own region (AWS_REGION), as the SDK resolves it */
  readonly region?: string;
  /** Attempts per request, the first included. @default 5 */
  readonly maxAttempts?: number;
  /** `standard`: exponential backoff with jitter; `adaptive` also slows the client down while throttled. @default 'standard' */
  readonly retryMode?: 'standard' | 'adaptive';
  /** @default 1000 */
  readonly connectionTimeoutMs?: number;
  /** Without it the SDK waits on a stalled socket until the Lambda times out. @default 5000 */
  readonly requestTimeoutMs?: number;
}

/** The one place an SQS client is made, so every caller gets the same retry strategy and timeouts. */
export function createSqsClient(options: SqsClientOptions = {}): SQSClient {
  return new SQSClient({
    ...(options.region === undefined ? {} : { region: options.region }),
    maxAttempts: options.maxAttempts ?? 5,
    retryMode: options.retryMode ?? 'standard',
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? 1000,
      requestTimeout: options.requestTimeoutMs ?? 5000,
    },
  });
}
