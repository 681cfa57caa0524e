import { mulberry32 } from '../../domain/mulberry32.js';

/** The kinds that need no settings: seeded random mode and chaos runs draw from these. */
export const FAULT_KINDS = [
  'serverError',
  'rateLimit',
  'hang',
  'lostAck',
  'malformedJson',
  'htmlError',
  'serverErrorAfterExecution',
  'backendTimeout',
  'disconnected',
  'ipBan',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number] | 'customBody';
const ALL_KINDS: readonly FaultKind[] = [...FAULT_KINDS, 'customBody'];

/**
 * One fault to inject on an endpoint ("POST /api/v3/order", or "*" for any).
 * - serverError: a 5xx (503 by default) with a JSON body.
 * - rateLimit: 429 with Retry-After and the venue's -1003 body.
 * - hang: the socket stays open without an answer for hangMs, then is destroyed.
 * - lostAck: the request is carried out, then the socket is destroyed without an answer.
 * - malformedJson: a 200 whose JSON body is cut short.
 * - htmlError: a 502 text/html page, as a proxy in front of the venue answers.
 * - customBody: a 200 (or `status`) JSON answer of `body`, for answers with fields missing.
 * - serverErrorAfterExecution: the request is carried out, then answered with a 5xx (503 by
 *   default): the venue's "execution status UNKNOWN" (rest-api.md, HTTP 5XX).
 * - backendTimeout: the request is carried out, then answered 503 with -1007 "Timeout waiting
 *   for response from backend server. Send status unknown; execution status unknown."
 * - disconnected: 503 with -1001 "Internal error; unable to process your request. Please try
 *   again.", the request not carried out.
 * - ipBan: 418 with Retry-After (`retryAfterSeconds`, default 120) and the venue's ban body,
 *   as if the IP were banned; the simulator's own weights ban for real (RequestWeights).
 * The 5xx status of the -1007 and -1001 answers is the documented class (5XX: internal
 * errors), not a recorded one.
 */
export interface FaultRule {
  readonly endpoint: string;
  readonly kind: FaultKind;
  /** How many requests it hits; default 1, Infinity for all. */
  readonly times?: number;
  /** hang: how long to hold the socket; default 30 s. */
  readonly hangMs?: number;
  /** serverError: the status, default 503; customBody: default 200. */
  readonly status?: number;
  /**
   * serverError: the JSON body; default {"msg":"Service Unavailable."}, which ccxt reads as
   * ExchangeNotAvailable. A body with a code is mapped by the code instead (e.g. -1001 →
   * OperationFailed, -1007 → RequestTimeout).
   * customBody: the answer; a string is sent as it is, a function is given the venue's own
   * answer (undefined when the request is not carried out) and returns the one to send.
   */
  readonly body?: unknown;
  /** rateLimit: the Retry-After header in seconds, default 1; ipBan: default 120. */
  readonly retryAfterSeconds?: number;
  /**
   * Whether the venue carries the request out before the fault shows: default true for
   * lostAck, malformedJson, serverErrorAfterExecution and backendTimeout (the outcome is
   * unknown to the client) and for a customBody whose body is a function, false otherwise.
   */
  readonly process?: boolean;
}

/** Seeded random faults: each request to one of `endpoints` (all when absent) fails with `probability`. */
export interface RandomFaults {
  readonly probability: number;
  readonly kinds: readonly FaultKind[];
  readonly seed: number;
  readonly endpoints?: readonly string[];
  readonly hangMs?: number;
}

export interface FaultCounts {
  readonly total: number;
  /** Every kind of FAULT_KINDS; customBody once one was injected. */
  readonly byKind: Readonly<Partial<Record<FaultKind, number>>>;
  /** "POST /api/v3/order lostAck" → count. */
  readonly byEndpoint: Readonly<Record<string, number>>;
}

/** Decides, request by request, which fault (if any) the simulator injects, and counts them. */
export class FaultInjector {
  private rules: { rule: FaultRule; left: number }[] = [];
  private randomMode: { config: RandomFaults; next: () => number } | undefined;
  private readonly byKind: Partial<Record<FaultKind, number>> = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0]));
  private readonly byEndpoint: Record<string, number> = {};

  inject(rule: FaultRule): void {
    if (!ALL_KINDS.includes(rule.kind)) throw new Error(`unknown fault kind "${String(rule.kind)}"`);
    this.rules.push({ rule, left: rule.times ?? 1 });
  }

  /** Turns the seeded random mode on, or off with undefined. */
  random(config: RandomFaults | undefined): void {
    if (config && !(config.probability >= 0 && config.probability <= 1)) throw new Error('fault probability must be in [0, 1]');
    this.randomMode = config ? { config, next: mulberry32(config.seed) } : undefined;
  }

  /** Forgets the injected rules and the random mode; the counts stay. */
  clear(): void {
    this.rules = [];
    this.randomMode = undefined;
  }

  /** The fault for this request ("METHOD /path"), counted, or undefined. */
  take(route: string): FaultRule | undefined {
    const fault = this.fromRules(route) ?? this.fromRandom(route);
    if (fault) {
      this.byKind[fault.kind] = (this.byKind[fault.kind] ?? 0) + 1;
      const key = `${route} ${fault.kind}`;
      this.byEndpoint[key] = (this.byEndpoint[key] ?? 0) + 1;
    }
    return fault;
  }

  counts(): FaultCounts {
    const total = Object.values(this.byKind).reduce((a, b) => a + (b ?? 0), 0);
    return { total, byKind: { ...this.byKind }, byEndpoint: { ...this.byEndpoint } };
  }

  private fromRules(route: string): FaultRule | undefined {
    const entry = this.rules.find((r) => r.left > 0 && (r.rule.endpoint === '*' || r.rule.endpoint === route));
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left <= 0) this.rules = this.rules.filter((r) => r !== entry);
    return entry.rule;
  }

  private fromRandom(route: string): FaultRule | undefined {
    const mode = this.randomMode;
    if (!mode || mode.config.kinds.length === 0) return undefined;
    if (mode.config.endpoints && !mode.config.endpoints.includes(route)) return undefined;
    if (mode.next() >= mode.config.probability) return undefined;
    const kind = mode.config.kinds[Math.floor(mode.next() * mode.config.kinds.length)]!;
    return { endpoint: route, kind, ...(mode.config.hangMs === undefined ? {} : { hangMs: mode.config.hangMs }) };
  }
}
