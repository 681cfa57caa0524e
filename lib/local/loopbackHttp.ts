import type { Server } from 'node:http';
import type { Http2Server } from 'node:http2';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';

type AnyServer = Server | Http2Server;

/** A request body read whole; one past the cap is counted but not kept (`body` is then empty). */
export interface BoundedBody {
  readonly body: string;
  readonly size: number;
  readonly tooLarge: boolean;
}

/**
 * Reads a request body as UTF-8, keeping at most `maxBytes` of it: a loopback server must
 * not let a runaway client fill its memory. The whole body is drained either way, so the
 * connection stays usable for the answer.
 */
export function readBoundedBody(request: Readable, maxBytes: number, onBody: (read: BoundedBody) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
    else chunks.length = 0;
  });
  request.on('end', () => onBody({ body: Buffer.concat(chunks).toString('utf8'), size, tooLarge: size > maxBytes }));
}

/** Listens on 127.0.0.1 (`port` 0: any free one); rejects when the port cannot be had. */
export function listenOnLoopback(server: AnyServer, port = 0): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** http://127.0.0.1:PORT of a listening server; `what` names it in the error when it is not. */
export function loopbackUrl(server: AnyServer, what: string): string {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error(`${what} is not listening`);
  return `http://127.0.0.1:${address.port}`;
}

/** Keeps the server's open sockets in `sockets`, so that a close can end them, hung ones included. */
export function trackSockets(server: AnyServer, sockets: Set<Socket>): void {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
}
