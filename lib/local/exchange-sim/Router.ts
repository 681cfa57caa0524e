import { VenueError, venueErrors } from './errors.js';
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
}

/**
 * Finds the endpoint for "METHOD /path", checks the signature of signed endpoints, and
 * turns a venue rejection into its status and JSON body. Anything else that throws is a
 * bug of the simulator and answers 500 with the venue's -1000 body.
 */
export class Router {
  constructor(
    private readonly publicRoutes: Record<string, RouteHandler>,
    private readonly signedRoutes: Record<string, RouteHandler>,
    private readonly auth: { apiKey: string; secret: string },
  ) {}

  handle(request: RoutedRequest): RoutedResponse {
    const route = `${request.method} ${request.path}`;
    try {
      const params = new URLSearchParams(request.query);
      for (const [key, value] of new URLSearchParams(request.body)) params.append(key, value);
      const open = this.publicRoutes[route];
      if (open) return { status: 200, body: open(params) };
      const signed = this.signedRoutes[route];
      if (!signed) throw venueErrors.notImplemented(route);
      verifySignature(this.auth, request);
      return { status: 200, body: signed(params) };
    } catch (error) {
      if (error instanceof VenueError) return { status: error.status, body: error.body() };
      return { status: 500, body: { code: -1000, msg: `An unknown error occurred while processing the request. (${(error as Error).message})` } };
    }
  }
}
