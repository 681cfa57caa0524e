import { type Server, createServer } from 'node:http';
import type { Context, LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';

type StructuredResult = Exclude<LambdaFunctionURLResult, string>;

type UrlHandler = (event: LambdaFunctionURLEvent, context: Context) => Promise<LambdaFunctionURLResult>;

/**
 * A Lambda Function URL on 127.0.0.1: each HTTP request becomes the payload-2.0 event Lambda
 * gives the function (lower-cased headers, the body as text or base64), and the function's
 * result becomes the HTTP answer. A thrown error answers 502, as a Function URL does.
 */
export class FunctionUrlServer {
  private constructor(private readonly server: Server) {}

  static async start(handler: UrlHandler): Promise<FunctionUrlServer> {
    let requests = 0;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks);
        const requestId = `req-${++requests}`;
        const [rawPath = '/', rawQueryString = ''] = (request.url ?? '/').split('?');
        const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(',') : (value ?? '')]));
        const text = /json|text/.test(headers['content-type'] ?? '');
        const event = {
          version: '2.0',
          routeKey: '$default',
          rawPath,
          rawQueryString,
          headers,
          requestContext: { accountId: 'anonymous', apiId: 'local', domainName: 'localhost', domainPrefix: 'local', requestId, routeKey: '$default', stage: '$default', time: new Date().toUTCString(), timeEpoch: Date.now(), http: { method: request.method ?? 'GET', path: rawPath, protocol: 'HTTP/1.1', sourceIp: request.socket.remoteAddress ?? '', userAgent: headers['user-agent'] ?? '' } },
          ...(body.length > 0 ? { body: text ? body.toString('utf8') : body.toString('base64') } : {}),
          isBase64Encoded: body.length > 0 && !text,
        } as LambdaFunctionURLEvent;
        handler(event, { awsRequestId: requestId } as Context).then(
          (answer) => {
            // A Function URL answers a bare string as a 200 JSON body.
            const result: StructuredResult = typeof answer === 'string' ? { statusCode: 200, body: answer } : answer;
            response.writeHead(result.statusCode ?? 200, Object.fromEntries(Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)])));
            response.end(result.body ?? '');
          },
          () => {
            response.writeHead(502, { 'content-type': 'application/json' });
            response.end('{"Message":"Internal Server Error"}');
          },
        );
      });
    });
    const instance = new FunctionUrlServer(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return instance;
  }

  get url(): string {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('the Function URL server is not listening');
    return `http://127.0.0.1:${address.port}/`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
