import { createHash } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type SigV4Credentials, verifySigV4 } from './verifySigV4.js';

interface StoredObject {
  readonly body: Buffer;
  readonly etag: string;
  readonly lastModified: Date;
  readonly contentType: string;
}

const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface LoopbackS3Options {
  /** When given, every request must carry a valid SigV4 signature of this key for `region` and service s3 (else S3's refusal). */
  readonly credentials?: SigV4Credentials;
  /** @default us-east-1 */
  readonly region?: string;
}

/**
 * The S3 REST subset the optimizer's S3ObjectStore and the checkpoint fetch send, path-style
 * on loopback: PutObject, GetObject, HeadObject, ListObjectsV2, on the buckets it was made
 * with. It refuses what S3 refuses here: an unknown bucket (NoSuchBucket), a missing key
 * (NoSuchKey; 404 to a HEAD), another method, and, when made with credentials, a request
 * whose SigV4 signature, scope or clock is wrong (verifySigV4). `failNext` answers the next
 * requests with an error S3 sends under load (503 SlowDown).
 */
export class LoopbackS3Server {
  readonly requests: { method: string; path: string; authorization?: string }[] = [];
  private readonly buckets: Map<string, Map<string, StoredObject>>;
  private failures: { status: number; code: string }[] = [];
  private constructor(
    private readonly server: Server,
    buckets: readonly string[],
    private readonly options: LoopbackS3Options,
  ) {
    this.buckets = new Map(buckets.map((name) => [name, new Map<string, StoredObject>()]));
  }

  static async start(buckets: readonly string[], options: LoopbackS3Options = {}): Promise<LoopbackS3Server> {
    const server = createServer();
    const instance = new LoopbackS3Server(server, buckets, options);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => void instance.answer(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return instance;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next `count` requests (signed right) are answered `status code` instead, as S3 does when it sheds load. */
  failNext(count: number, status = 503, code = 'SlowDown'): void {
    this.failures.push(...Array.from({ length: count }, () => ({ status, code })));
  }

  /** Stores an object directly, as another writer would have. */
  putObject(bucket: string, key: string, body: Buffer, contentType = 'application/octet-stream'): void {
    const objects = this.buckets.get(bucket);
    if (objects === undefined) throw new Error(`LoopbackS3Server: no bucket ${bucket}`);
    objects.set(key, { body, etag: `"${createHash('md5').update(body).digest('hex')}"`, lastModified: new Date(), contentType });
  }

  keys(bucket: string): string[] {
    return [...(this.buckets.get(bucket)?.keys() ?? [])];
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://loopback');
    const [, bucketName = '', ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    this.requests.push({ method: request.method ?? '', path: url.pathname, ...(request.headers.authorization !== undefined ? { authorization: request.headers.authorization } : {}) });
    const body = await readBody(request);
    if (this.options.credentials !== undefined) {
      const [rawPath = '/', rawQuery = ''] = (request.url ?? '/').split('?');
      const refusal = verifySigV4(
        { method: request.method ?? '', rawPath, rawQuery, headers: request.headers, body },
        { credentials: this.options.credentials, region: this.options.region ?? 'us-east-1', service: 's3', now: Date.now() },
      );
      if (refusal !== undefined) return error(response, refusal.status, refusal.code, refusal.message, request.method === 'HEAD');
    }
    const failure = this.failures.shift();
    if (failure !== undefined) return error(response, failure.status, failure.code, 'Please reduce your request rate.', request.method === 'HEAD');
    const bucket = this.buckets.get(bucketName);
    if (bucket === undefined) return error(response, 404, 'NoSuchBucket', 'The specified bucket does not exist', request.method === 'HEAD');
    if (request.method === 'GET' && key === '' && url.searchParams.get('list-type') === '2') return list(response, bucketName, bucket, url.searchParams.get('prefix') ?? '');
    if (key === '') return error(response, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource', false);
    if (request.method === 'PUT') {
      const payload = (request.headers['x-amz-content-sha256'] ?? '').toString().startsWith('STREAMING-') ? decodeAwsChunked(body) : body;
      const etag = `"${createHash('md5').update(payload).digest('hex')}"`;
      bucket.set(key, { body: payload, etag, lastModified: new Date(), contentType: (request.headers['content-type'] ?? 'binary/octet-stream').toString() });
      response.writeHead(200, { ETag: etag }).end();
      return;
    }
    const object = bucket.get(key);
    if (request.method === 'GET' || request.method === 'HEAD') {
      if (object === undefined) return error(response, 404, 'NoSuchKey', 'The specified key does not exist.', request.method === 'HEAD');
      response.writeHead(200, { ETag: object.etag, 'Content-Length': object.body.length, 'Content-Type': object.contentType, 'Last-Modified': object.lastModified.toUTCString() });
      response.end(request.method === 'GET' ? object.body : undefined);
      return;
    }
    error(response, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource', false);
  }
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** The payload of an aws-chunked body: `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n` … `0\r\n<trailers>\r\n\r\n`. */
function decodeAwsChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', at);
    const size = Number.parseInt(body.subarray(at, lineEnd).toString('latin1').split(';')[0] ?? '0', 16);
    if (!(size > 0)) return Buffer.concat(parts);
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

function error(response: ServerResponse, status: number, code: string, message: string, head: boolean): void {
  response.writeHead(status, { 'Content-Type': 'application/xml' });
  response.end(head ? undefined : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error>`);
}

function list(response: ServerResponse, name: string, bucket: Map<string, StoredObject>, prefix: string): void {
  const keys = [...bucket.keys()].filter((key) => key.startsWith(prefix)).sort();
  const contents = keys
    .map((key) => {
      const object = bucket.get(key) as StoredObject;
      return `<Contents><Key>${xmlEscape(key)}</Key><LastModified>${object.lastModified.toISOString()}</LastModified><ETag>${xmlEscape(object.etag)}</ETag><Size>${object.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
    })
    .join('');
  response.writeHead(200, { 'Content-Type': 'application/xml' });
  response.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${xmlEscape(name)}</Name><Prefix>${xmlEscape(prefix)}</Prefix><KeyCount>${keys.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`,
  );
}
