import { VenueError, venueErrors } from './errors.js';
import { ROUTE_PARAMS, checkRouteParams } from './routeParams.js';
import { verifySignature } from './verifySignature.js';

/** Answers one endpoint from its merged query and body parameters. */
export type RouteHandler = (params: URLSearchParams) => unknown;

export interface RoutedRequest {
  readonly method: string;
  readonly path: string;
  /** The raw query string, without the '?'. */
  readonly query: string;
  /** The raw form-encoded body. */
  readonly body: string;
  readonly apiKeyHeader: string | undefined;
}

export interface RoutedResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

const DEFAULT_RECV_WINDOW_MS = 5000;
const MAX_RECV_WINDOW_MS = 60_000;

/**
 * A signed request's timing, as the venue checks it against its own (wall) clock: a
 * recvWindow over 60000 is refused, and the timestamp must be less than a second ahead
 * of the server and no more than recvWindow behind it (-1021).
 */
function checkTimestamp(params: URLSearchParams, serverTime: number): void {
  const recvWindow = params.has('recvWindow') ? Number(params.get('recvWindow')) : DEFAULT_RECV_WINDOW_MS;
  if (!Number.isFinite(recvWindow) || recvWindow < 0) throw venueErrors.illegalParam('recvWindow');
  if (recvWindow > MAX_RECV_WINDOW_MS) throw venueErrors.recvWindowTooLarge();
  const timestamp = Number(params.get('timestamp'));
  if (timestamp >= serverTime + 1000) throw venueErrors.timestampAhead();
  if (serverTime - timestamp > recvWindow) throw venueErrors.timestampOutsideWindow();
}

/**
 * Finds the endpoint for "METHOD /path", checks the signature and timing of signed endpoints and
 * the parameters every endpoint reads (-1101, -1104), and
 * turns a venue rejection into its status and JSON body. Anything else that throws is a
 * bug of the simulator and answers 500 with the venue's -1000 body.
 */
export class Router {
  constructor(
    private readonly publicRoutes: Record<string, RouteHandler>,
    private readonly signedRoutes: Record<string, RouteHandler>,
    private readonly auth: { apiKey: string; secret: string },
    private readonly wallClock: () => number = Date.now,
  ) {
    const unlisted = [...Object.keys(publicRoutes), ...Object.keys(signedRoutes)].filter((route) => !ROUTE_PARAMS[route]);
    if (unlisted.length > 0) throw new Error(`no parameter list for ${unlisted.join(', ')}`);
  }

  handle(request: RoutedRequest): RoutedResponse {
    const route = `${request.method} ${request.path}`;
    try {
      const params = new URLSearchParams(request.query);
      for (const [key, value] of new URLSearchParams(request.body)) params.append(key, value);
      const open = this.publicRoutes[route];
      if (open) {
        checkRouteParams(ROUTE_PARAMS[route]!, request.query, request.body);
        return { status: 200, body: open(params) };
      }
      const signed = this.signedRoutes[route];
      if (!signed) throw venueErrors.notImplemented(route);
      verifySignature(this.auth, request);
      checkTimestamp(params, this.wallClock());
      checkRouteParams(ROUTE_PARAMS[route]!, request.query, request.body);
      return { status: 200, body: signed(params) };
    } catch (error) {
      if (error instanceof VenueError) {
        const headers = error.retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(error.retryAfterSeconds) };
        return { status: error.status, body: error.body(), ...(headers ? { headers } : {}) };
      }
      return { status: 500, body: { code: -1000, msg: `An unknown error occurred while processing the request. (${(error as Error).message})` } };
    }
  }
}
