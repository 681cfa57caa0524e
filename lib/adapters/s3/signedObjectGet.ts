import type { Readable } from 'node:stream';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/transport';
import { NodeHttpHandler, streamCollector } from '@smithy/node-http-handler';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { RetryPolicy } from '../../domain/exchangeGatewaySettings.js';
import { TraderError } from '../../domain/errors.js';
import { backoffDelay } from '../ccxt/backoffDelay.js';
import { type RetryTiming, realRetryTiming } from '../ccxt/RetryPolicy.js';

export interface SignedObjectGetOptions {
  readonly region: string;
  readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** A path-style endpoint (`http://127.0.0.1:<port>`, the loopback S3 server); by default the region's S3 endpoint. */
  readonly endpoint?: string;
  /** @default 4 attempts, full-jitter backoff from 100 ms, at most 2 s a wait */
  readonly retry?: RetryPolicy;
  readonly timing?: RetryTiming;
  /** One attempt's limit, connection to last byte. @default 10 s */
  readonly requestTimeoutMs?: number;
}

const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2_000 };
/** S3's answers that a later attempt may not get (besides any 5xx and 429). */
const RETRYABLE_CODES = new Set(['SlowDown', 'RequestTimeout', 'Throttling', 'ThrottlingException', 'TooManyRequestsException', 'InternalError', 'ServiceUnavailable']);

/** A GetObject that failed for good: S3's status and error code, and the object it was for. */
export class S3ObjectGetError extends TraderError {
  constructor(
    readonly bucket: string,
    readonly key: string,
    /** undefined when no HTTP answer came (connection refused, reset, timed out). */
    readonly status: number | undefined,
    readonly code: string,
    detail: string,
  ) {
    super(`s3://${bucket}/${key}: ${detail}`);
  }
}

/**
 * One S3 object's bytes by a single SigV4-signed HTTPS GET: the signer, hash and HTTP handler
 * the SDK clients already bundle, without @aws-sdk/client-s3 (≈0.16 MB that would put decide
 * over its 1.5 MB). 5xx, 429, S3's throttling codes and a lost connection are retried with
 * full-jitter backoff; 403 and 404 fail at once naming the bucket and key.
 */
export function signedObjectGet(options: SignedObjectGetOptions): (bucket: string, key: string) => Promise<Uint8Array> {
  const signer = new SignatureV4({ service: 's3', region: options.region, credentials: options.credentials, sha256: Sha256, uriEscapePath: false, applyChecksum: true });
  const http = new NodeHttpHandler({ requestTimeout: options.requestTimeoutMs ?? 10_000, connectionTimeout: options.requestTimeoutMs ?? 10_000, throwOnRequestTimeout: true });
  const retry = options.retry ?? DEFAULT_RETRY;
  const timing = options.timing ?? realRetryTiming;

  return async (bucket, key) => {
    const request = objectRequest(bucket, key, options);
    for (let attempt = 1; ; attempt++) {
      const failure = await getOnce(signer, http, request);
      if (failure instanceof Uint8Array) return failure;
      if (!failure.retryable || attempt >= retry.maxAttempts) {
        throw new S3ObjectGetError(bucket, key, failure.status, failure.code, `${failure.detail}${attempt > 1 ? ` (after ${attempt} attempts)` : ''}`);
      }
      await timing.sleep(backoffDelay(attempt, retry, timing.random));
    }
  };
}

interface Failure {
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly code: string;
  readonly detail: string;
}

async function getOnce(signer: SignatureV4, http: NodeHttpHandler, request: HttpRequest): Promise<Uint8Array | Failure> {
  let status: number;
  let body: Uint8Array;
  try {
    // Signed per attempt: the signature carries the time, and S3 refuses one over 15 minutes old.
    const { response } = await http.handle((await signer.sign(HttpRequest.clone(request))) as HttpRequest);
    status = response.statusCode;
    // NodeHttpHandler's body is the node:http IncomingMessage (typed `any` by smithy).
    body = await streamCollector(response.body as Readable);
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { retryable: true, status: undefined, code: (error as { code?: string }).code ?? 'NetworkError', detail: `no answer from S3 (${detail})` };
  }
  if (status === 200) return body;
  const code = /<Code>([^<]+)<\/Code>/.exec(Buffer.from(body).toString('utf8'))?.[1] ?? `HTTP${status}`;
  if (status === 404) return { retryable: false, status, code, detail: `no such object (404 ${code})` };
  if (status === 403) {
    // Without s3:ListBucket (decide has only GetObject on challengers/*), S3 answers 403 for a missing key too.
    return { retryable: false, status, code, detail: `access denied (403 ${code}): the object is missing or the role may not read it` };
  }
  const retryable = status >= 500 || status === 429 || RETRYABLE_CODES.has(code);
  return { retryable, status, code, detail: `S3 answered ${status} ${code}` };
}

/** The unsigned GET: virtual-hosted on AWS for a DNS-safe bucket name, path-style otherwise and on a given endpoint. */
function objectRequest(bucket: string, key: string, options: SignedObjectGetOptions): HttpRequest {
  const encodedKey = key.split('/').map(encodeS3PathSegment).join('/');
  const suffix = options.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  const endpoint = new URL(options.endpoint ?? `https://s3.${options.region}.${suffix}`);
  const virtualHosted = options.endpoint === undefined && /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket);
  const hostname = virtualHosted ? `${bucket}.${endpoint.hostname}` : endpoint.hostname;
  const port = endpoint.port === '' ? undefined : Number(endpoint.port);
  const basePath = endpoint.pathname.replace(/\/$/, '');
  return new HttpRequest({
    method: 'GET',
    protocol: endpoint.protocol,
    hostname,
    ...(port !== undefined ? { port } : {}),
    path: virtualHosted ? `${basePath}/${encodedKey}` : `${basePath}/${encodeS3PathSegment(bucket)}/${encodedKey}`,
    headers: { host: port === undefined ? hostname : `${hostname}:${port}` },
  });
}

/** RFC 3986 unreserved characters stay; everything else is percent-encoded, as SigV4's canonical URI wants. */
function encodeS3PathSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
