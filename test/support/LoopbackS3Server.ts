import { createHash } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

interface StoredObject {
  readonly body: Buffer;
  readonly etag: string;
  readonly lastModified: Date;
  readonly contentType: string;
}

const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The S3 REST subset the optimizer's S3ObjectStore sends, path-style on loopback: PutObject,
 * GetObject, HeadObject, ListObjectsV2, on the buckets it was made with. It refuses what S3
 * refuses here: an unknown bucket (NoSuchBucket), a missing key (NoSuchKey; 404 to a HEAD),
 * another method. Requests are not signature-checked.
 */
export class LoopbackS3Server {
  readonly requests: { method: string; path: string }[] = [];
  private readonly buckets: Map<string, Map<string, StoredObject>>;
  private constructor(
    private readonly server: Server,
    buckets: readonly string[],
  ) {
    this.buckets = new Map(buckets.map((name) => [name, new Map<string, StoredObject>()]));
  }

  static async start(buckets: readonly string[]): Promise<LoopbackS3Server> {
    const server = createServer();
    const instance = new LoopbackS3Server(server, buckets);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => void instance.answer(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return instance;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
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
    this.requests.push({ method: request.method ?? '', path: url.pathname });
    const body = await readBody(request);
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
