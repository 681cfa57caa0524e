import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface SigV4Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface SigV4Expectation {
  readonly credentials: SigV4Credentials;
  readonly region: string;
  readonly service: string;
  /** Now, for S3's 15-minute clock-skew limit. */
  readonly now: number;
}

/** Why S3 refuses a request's signature, as S3 answers it; undefined when the request is signed right. */
export interface SigV4Refusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;
const MAX_SKEW_MS = 15 * 60_000;

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
const strictEncode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Checks a request's header SigV4 signature as S3 does (AWS's documented algorithm, written
 * out here with node:crypto rather than the SDK's signer, so a signer bug is not checked by
 * itself): the credential scope's key, region and service, the clock skew, the payload hash
 * against the body, and the signature over the canonical request of what arrived on the wire.
 * S3's canonical URI is the path as sent (not encoded twice).
 */
export function verifySigV4(request: { method: string; rawPath: string; rawQuery: string; headers: IncomingHttpHeaders; body: Buffer }, expected: SigV4Expectation): SigV4Refusal | undefined {
  const authorization = request.headers.authorization;
  if (authorization === undefined) return { status: 403, code: 'AccessDenied', message: 'Access Denied' };
  const match = AUTHORIZATION.exec(authorization);
  if (match === null) return { status: 400, code: 'AuthorizationHeaderMalformed', message: `The authorization header is malformed: ${authorization}` };
  const [, accessKeyId, date, region, service, signedHeaderList, signature] = match as unknown as [string, string, string, string, string, string, string];
  if (accessKeyId !== expected.credentials.accessKeyId) return { status: 403, code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' };
  if (region !== expected.region) return { status: 400, code: 'AuthorizationHeaderMalformed', message: `the region '${region}' is wrong; expecting '${expected.region}'` };
  if (service !== expected.service) return { status: 400, code: 'AuthorizationHeaderMalformed', message: `the service '${service}' is wrong; expecting '${expected.service}'` };
  const amzDate = request.headers['x-amz-date']?.toString() ?? '';
  const signedAt = Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  if (!amzDate.startsWith(date) || Number.isNaN(signedAt)) return { status: 403, code: 'AccessDenied', message: 'x-amz-date is missing or does not match the credential scope date' };
  if (Math.abs(expected.now - signedAt) > MAX_SKEW_MS) return { status: 403, code: 'RequestTimeTooSkewed', message: 'The difference between the request time and the current time is too large.' };
  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host')) return { status: 403, code: 'AccessDenied', message: 'host must be a signed header' };
  const payloadHash = request.headers['x-amz-content-sha256']?.toString();
  if (payloadHash === undefined) return { status: 400, code: 'InvalidRequest', message: 'Missing required header for this request: x-amz-content-sha256' };
  if (/^[0-9a-f]{64}$/.test(payloadHash) && payloadHash !== sha256Hex(request.body)) {
    return { status: 400, code: 'XAmzContentSHA256Mismatch', message: "The provided 'x-amz-content-sha256' header does not match what was computed." };
  }

  const canonicalQuery = request.rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const [name = '', value = ''] = pair.split('=');
      return [strictEncode(decodeURIComponent(name)), strictEncode(decodeURIComponent(value.replace(/\+/g, ' ')))] as const;
    })
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const canonicalHeaders = signedHeaders.map((name) => `${name}:${(request.headers[name] ?? '').toString().trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonicalRequest = [request.method, request.rawPath, canonicalQuery, canonicalHeaders, signedHeaderList, payloadHash].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${expected.credentials.secretAccessKey}`, date), region), service), 'aws4_request');
  if (createHmac('sha256', signingKey).update(stringToSign).digest('hex') !== signature) {
    return { status: 403, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.' };
  }
  return undefined;
}
