import { S3Client } from '@aws-sdk/client-s3';

/** An S3 client with the SDK's standard retries (exponential backoff with jitter), four attempts a request. */
export function createS3Client(region?: string): S3Client {
  return new S3Client({ ...(region === undefined ? {} : { region }), maxAttempts: 4, retryMode: 'standard' });
}
