import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { Socket } from 'node:net';
import { deliverFault, faultProcessesRequest, writeJson } from './deliverFault.js';
import type { FaultInjector } from './FaultInjector.js';
import type { RequestWeights } from './RequestWeights.js';
import type { Router } from './Router.js';
import { listenOnLoopback, loopbackUrl, readBoundedBody, trackSockets } from '../loopbackHttp.js';

const MAX_BODY_BYTES = 1 << 20;

/**
 * The simulator's HTTP server on 127.0.0.1. It keeps every socket and every hang timer,
 * so that close() ends them all, hung requests and ccxt's keep-alive sockets included.
 */
export class SimHttpServer {
  private readonly sockets = new Set<Socket>();
  private readonly holds = new Set<NodeJS.Timeout>();
  private closing: Promise<void> | undefined;

  private readonly server: Server;

  private constructor(
    router: Router,
    faults: FaultInjector,
    weights: RequestWeights,
  ) {
    this.server = createServer((request, response) => this.answer(request, response, router, faults, weights));
    trackSockets(this.server, this.sockets);
  }

  static async start(router: Router, faults: FaultInjector, weights: RequestWeights, port = 0): Promise<SimHttpServer> {
    const instance = new SimHttpServer(router, faults, weights);
    await listenOnLoopback(instance.server, port);
    return instance;
  }

  /** http://127.0.0.1:PORT */
  get url(): string {
    return loopbackUrl(this.server, 'the simulator server');
  }

  get isListening(): boolean {
    return this.server.listening;
  }

  get openSockets(): number {
    return this.sockets.size;
  }

  /** Stops listening and ends every connection and hang; safe to call twice. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      for (const timer of this.holds) clearTimeout(timer);
      this.holds.clear();
      // 'close' is emitted before libuv releases the listening handle; one timer turn later
      // it is gone, so a caller that checks for open handles after stop() finds none.
      this.server.close(() => setTimeout(resolve, 0));
      for (const socket of this.sockets) socket.destroy();
    });
    return this.closing;
  }

  /**
   * The request's weight is counted first: over the limit or banned, the venue answers 429
   * or 418 and nothing else happens. Every answer carries the weight used.
   */
  private answer(request: IncomingMessage, response: ServerResponse, router: Router, faults: FaultInjector, weights: RequestWeights): void {
    readBoundedBody(request, MAX_BODY_BYTES, ({ body }) => {
      if (this.closing) return void response.socket?.destroy();
      const target = request.url ?? '/';
      const url = new URL(target, 'http://127.0.0.1');
      const method = request.method ?? 'GET';
      const params = new URLSearchParams(url.search);
      for (const [key, value] of new URLSearchParams(body)) params.append(key, value);
      const refusal = weights.admit(`${method} ${url.pathname}`, params);
      response.setHeader('X-MBX-USED-WEIGHT-1M', String(weights.usedWeight()));
      if (refusal) {
        response.setHeader('Retry-After', String(refusal.retryAfterSeconds));
        return writeJson(response, refusal.status, refusal.body);
      }
      const fault = faults.take(`${method} ${url.pathname}`);
      if (fault && !faultProcessesRequest(fault)) return deliverFault(fault, response, '', (ms, end) => this.hold(ms, end));
      const header = request.headers['x-mbx-apikey'];
      const routed = router.handle({
        method,
        path: url.pathname,
        query: target.includes('?') ? target.slice(target.indexOf('?') + 1) : '',
        body,
        apiKeyHeader: Array.isArray(header) ? header[0] : header,
      });
      if (fault) return deliverFault(fault, response, JSON.stringify(routed.body), (ms, end) => this.hold(ms, end));
      for (const [name, value] of Object.entries(routed.headers ?? {})) response.setHeader(name, value);
      writeJson(response, routed.status, routed.body);
    });
  }

  private hold(ms: number, end: () => void): void {
    const timer = setTimeout(() => {
      this.holds.delete(timer);
      end();
    }, ms);
    this.holds.add(timer);
  }
}
