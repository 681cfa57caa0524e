import type { ServerResponse } from 'node:http';
import type { FaultRule } from './FaultInjector.js';

const RATE_LIMIT_BODY = {
  code: -1003,
  msg: 'Too much request weight used; current limit is 6000 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.',
};
const BAD_GATEWAY_PAGE = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n';

/** Whether the venue carries the request out before this fault shows. */
export function faultProcessesRequest(fault: FaultRule): boolean {
  const unknownOutcome = fault.kind === 'lostAck' || fault.kind === 'malformedJson' || fault.kind === 'serverErrorAfterExecution' || fault.kind === 'backendTimeout';
  return fault.process ?? (unknownOutcome || (fault.kind === 'customBody' && typeof fault.body === 'function'));
}

/**
 * Answers (or fails to answer) a request with a fault. `realBody` is the JSON the venue
 * would have sent, which a malformed answer cuts short. A hang registers its timer with
 * `holdSocket` so that stopping the simulator can end it.
 */
export function deliverFault(fault: FaultRule, response: ServerResponse, realBody: string, holdSocket: (ms: number, end: () => void) => void): void {
  switch (fault.kind) {
    case 'serverError':
    case 'serverErrorAfterExecution':
      writeJson(response, fault.status ?? 503, fault.body ?? { msg: 'Service Unavailable.' });
      return;
    case 'backendTimeout':
      writeJson(response, fault.status ?? 503, { code: -1007, msg: 'Timeout waiting for response from backend server. Send status unknown; execution status unknown.' });
      return;
    case 'disconnected':
      writeJson(response, fault.status ?? 503, { code: -1001, msg: 'Internal error; unable to process your request. Please try again.' });
      return;
    case 'ipBan': {
      const seconds = fault.retryAfterSeconds ?? 120;
      response.setHeader('Retry-After', String(seconds));
      writeJson(response, 418, { code: -1003, msg: `Way too much request weight used; IP banned until ${Date.now() + seconds * 1000}. Please use WebSocket Streams for live updates to avoid bans.` });
      return;
    }
    case 'rateLimit':
      response.setHeader('Retry-After', String(fault.retryAfterSeconds ?? 1));
      writeJson(response, 429, RATE_LIMIT_BODY);
      return;
    case 'hang':
      holdSocket(fault.hangMs ?? 30_000, () => response.socket?.destroy());
      return;
    case 'lostAck':
      response.socket?.destroy();
      return;
    case 'malformedJson': {
      const cut = realBody.slice(0, Math.max(1, Math.floor(realBody.length / 2)));
      response.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8' });
      response.end(cut);
      return;
    }
    case 'htmlError':
      response.writeHead(502, { 'Content-Type': 'text/html' });
      response.end(BAD_GATEWAY_PAGE);
      return;
    case 'customBody': {
      const body: unknown = typeof fault.body === 'function' ? (fault.body as (real: unknown) => unknown)(realBody === '' ? undefined : JSON.parse(realBody)) : (fault.body ?? {});
      response.writeHead(fault.status ?? 200, { 'Content-Type': 'application/json;charset=UTF-8' });
      response.end(typeof body === 'string' ? body : JSON.stringify(body));
      return;
    }
  }
}

export function writeJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8' });
  response.end(JSON.stringify(body));
}
