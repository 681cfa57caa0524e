import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type BoundedBody, listenOnLoopback, loopbackUrl, readBoundedBody, trackSockets } from '../../../lib/local/loopbackHttp.js';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A server that answers each request with what readBoundedBody read, capped at `maxBytes`. */
async function echoServer(maxBytes: number) {
  const sockets = new Set<Socket>();
  const server = createServer((request, response) =>
    readBoundedBody(request, maxBytes, (read: BoundedBody) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(read));
    }),
  );
  servers.push(server);
  trackSockets(server, sockets);
  await listenOnLoopback(server);
  return { url: loopbackUrl(server, 'the echo server'), sockets };
}

describe('loopbackHttp', () => {
  it('reads a body under the cap whole, and of one over it keeps nothing but its size', async () => {
    const { url } = await echoServer(8);
    const small = await (await fetch(url, { method: 'POST', body: 'héllo' })).json();
    expect(small).toEqual({ body: 'héllo', size: 6, tooLarge: false });
    const large = await (await fetch(url, { method: 'POST', body: 'a'.repeat(5) + 'b'.repeat(5) + 'c'.repeat(5000) })).json();
    expect(large).toEqual({ body: '', size: 5010, tooLarge: true });
  });

  it('tracks the open sockets and names the server that is not listening', async () => {
    const { url, sockets } = await echoServer(64);
    await (await fetch(url, { method: 'POST', body: 'x' })).text();
    expect(sockets.size).toBeGreaterThan(0);
    expect(() => loopbackUrl(createServer(), 'the idle server')).toThrow('the idle server is not listening');
  });

  it('refuses a port already taken', async () => {
    const { url } = await echoServer(64);
    const port = Number(new URL(url).port);
    const second = createServer();
    await expect(listenOnLoopback(second, port)).rejects.toThrow(/EADDRINUSE/);
  });
});
