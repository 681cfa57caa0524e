import { S3Client } from '@aws-sdk/client-s3';

/** Another S3 endpoint (path-style: the loopback S3 server), with its region and keys. */
export interface S3Connection {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** An S3 client with the SDK's standard retries (exponential backoff with jitter), four attempts a request; AWS's S3 unless told another endpoint. */
export function createS3Client(connection?: S3Connection): S3Client {
  return new S3Client({ ...(connection === undefined ? {} : { ...connection, forcePathStyle: true }), maxAttempts: 4, retryMode: 'standard' });
}
