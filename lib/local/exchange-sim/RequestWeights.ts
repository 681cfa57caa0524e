/** The venue's IP request-weight limit, as exchangeInfo's REQUEST_WEIGHT rate limit advertises it. */
export interface RequestWeightLimit {
  /** Weight allowed per window. @default 6000, the venue's */
  readonly limit?: number;
  /**
   * The window, counted from the epoch as the venue counts calendar minutes. @default 60000.
   * Tests shorten it to see a minute's behaviour in seconds; the header keeps the venue's name.
   */
  readonly windowMs?: number;
  /** The first ban's length; each later one doubles, up to 3 days. @default 120 (2 minutes) */
  readonly firstBanSeconds?: number;
  /**
   * The clock windows and bans run on. 'replay': the simulator's, so a replay at many times
   * real speed is limited as the bot would be over the simulated hours; 'wall': real time,
   * for a client whose own limiter runs on real time (ccxt's). @default 'replay'
   */
  readonly clock?: 'replay' | 'wall';
}

/** What the venue answers a request that is over the limit or banned. */
export interface WeightRefusal {
  readonly status: 429 | 418;
  readonly retryAfterSeconds: number;
  readonly body: { readonly code: number; readonly msg: string };
}

const MAX_BAN_SECONDS = 3 * 24 * 3600;

/**
 * The weight of each endpoint the simulator serves, from the venue's REST documentation
 * (rest-api.md): the second figure when the symbol (or, for myTrades, the orderId) is
 * absent (or present).
 */
function weightOf(route: string, params: URLSearchParams): number {
  const hasSymbol = params.has('symbol');
  switch (route) {
    case 'GET /api/v3/exchangeInfo':
    case 'GET /api/v3/account':
      return 20;
    case 'GET /api/v3/klines':
      return 2;
    case 'GET /api/v3/ticker/price':
    case 'GET /api/v3/ticker/bookTicker':
      return hasSymbol ? 2 : 4;
    case 'GET /api/v3/ticker/24hr':
      return hasSymbol ? 2 : 80;
    case 'GET /api/v3/order':
      return 4;
    case 'GET /api/v3/openOrders':
      return hasSymbol ? 6 : 80;
    case 'GET /api/v3/myTrades':
      return params.has('orderId') ? 5 : 20;
    default:
      return 1;
  }
}

/**
 * The venue's IP limits: every request adds its weight to the current window; a request over the
 * limit is refused with 429 and a Retry-After to the window's end; a request sent after a
 * 429 in the same window, ignoring it, bans the IP with 418 for 2 minutes, doubling with
 * each ban up to 3 days, and every request during a ban is refused with 418.
 */
export class RequestWeights {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly firstBanSeconds: number;
  private windowStart = -1;
  private used = 0;
  private refusedInWindow = false;
  private bannedUntil = 0;
  private bans = 0;

  constructor(
    config: RequestWeightLimit = {},
    private readonly clock: () => number,
  ) {
    this.limit = config.limit ?? 6000;
    this.windowMs = config.windowMs ?? 60_000;
    this.firstBanSeconds = config.firstBanSeconds ?? 120;
    if (!(this.limit > 0 && this.windowMs > 0 && this.firstBanSeconds > 0)) throw new Error('request weight limit, window and ban must be positive');
  }

  get limitPerWindow(): number {
    return this.limit;
  }

  /** The weight used in the current window, as X-MBX-USED-WEIGHT-1M reports it. */
  usedWeight(): number {
    this.roll(this.clock());
    return this.used;
  }

  /** Counts a request; answers how the venue refuses it, or undefined when it may go on. */
  admit(route: string, params: URLSearchParams): WeightRefusal | undefined {
    const now = this.clock();
    if (now < this.bannedUntil) return this.banRefusal(now);
    this.roll(now);
    this.used += weightOf(route, params);
    if (this.refusedInWindow) {
      this.bans += 1;
      this.bannedUntil = now + Math.min(MAX_BAN_SECONDS, this.firstBanSeconds * 2 ** (this.bans - 1)) * 1000;
      return this.banRefusal(now);
    }
    if (this.used <= this.limit) return undefined;
    this.refusedInWindow = true;
    return {
      status: 429,
      retryAfterSeconds: Math.max(1, Math.ceil((this.windowStart + this.windowMs - now) / 1000)),
      body: { code: -1003, msg: `Too much request weight used; current limit is ${this.limit} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.` },
    };
  }

  private roll(now: number): void {
    const start = now - (now % this.windowMs);
    if (start === this.windowStart) return;
    this.windowStart = start;
    this.used = 0;
    this.refusedInWindow = false;
  }

  private banRefusal(now: number): WeightRefusal {
    return {
      status: 418,
      retryAfterSeconds: Math.ceil((this.bannedUntil - now) / 1000),
      body: { code: -1003, msg: `Way too much request weight used; IP banned until ${this.bannedUntil}. Please use WebSocket Streams for live updates to avoid bans.` },
    };
  }
}
