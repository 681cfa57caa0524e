import { SSMClient } from '@aws-sdk/client-ssm';

export interface SsmClientOptions {
  /** @default the Lambda's own region (AWS_REGION), as the SDK resolves it */
  readonly region?: string;
  /** Attempts per request, the first included. @default 3 */
  readonly maxAttempts?: number;
  /**
   * `standard`: exponential backoff with jitter; `adaptive` also slows the client down
   * while throttled (GetParameter is throttled per account and region). @default 'standard'
   */
  readonly retryMode?: 'standard' | 'adaptive';
  /** @default 1000 */
  readonly connectionTimeoutMs?: number;
  /** The kill switch fails closed on a slow read, so a stalled socket must not hold it for long. @default 2000 */
  readonly requestTimeoutMs?: number;
}

/** The one place an SSM client is made, so every caller gets the same retry strategy and timeouts. */
export function createSsmClient(options: SsmClientOptions = {}): SSMClient {
  return new SSMClient({
    ...(options.region === undefined ? {} : { region: options.region }),
    maxAttempts: options.maxAttempts ?? 3,
    retryMode: options.retryMode ?? 'standard',
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? 1000,
      requestTimeout: options.requestTimeoutMs ?? 2000,
    },
  });
}
