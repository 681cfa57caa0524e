import { InvalidInputError } from '../../domain/errors.js';
import type { Fill } from '../../domain/order.js';
import type { Logger } from '../../ports/Logger.js';
import { badAnswer } from './badAnswer.js';
import type { CcxtClient, CcxtTrade } from './CcxtClient.js';
import { toFill } from './toFill.js';

export type ReadCall = <T>(operation: string, call: () => Promise<T>) => Promise<T>;

/** How trades are paged: `pageLimit` a request, each request's span at most `windowMs`, up to `now`. */
export interface TradePaging {
  readonly pageLimit: number;
  readonly windowMs: number;
  readonly now: () => number;
}

/** Our clock may run a little behind the venue's: the last window reaches this far past our now. */
const CLOCK_MARGIN_MS = 60_000;

/** The furthest back fills are read: older is a wrong `since` (a time of 0), not a plan, and a day a request would cost hundreds of calls. */
const MAX_LOOKBACK_MS = 400 * 24 * 60 * 60_000;

/**
 * Our own trades as fills. A venue's trade names its order by the exchange's id only, so the
 * client order id comes from orders this gateway has seen, or one order query per unseen id.
 */
export class FillReader {
  private readonly clientIds = new Map<string, string>();

  constructor(
    private readonly client: CcxtClient,
    private readonly read: ReadCall,
    private readonly paging: TradePaging,
    private readonly logger: Logger,
  ) {}

  remember(exchangeOrderId: string, clientOrderId: string): void {
    if (exchangeOrderId !== '' && clientOrderId !== '') this.clientIds.set(exchangeOrderId, clientOrderId);
  }

  async fillsSince(symbol: string, quote: string, since: number): Promise<Fill[]> {
    const trades = await this.tradesSince(symbol, since);
    const fills: Fill[] = [];
    for (const trade of trades) fills.push(toFill(trade, await this.clientIdOf(symbol, trade.order ?? ''), quote));
    return fills;
  }

  /**
   * Reads forward from `since` a window at a time (startTime and `until` at most `windowMs`
   * apart, as Binance requires), paging inside each window; a page boundary inside one
   * millisecond is deduplicated by trade id. Since the last day, that is one request.
   */
  private async tradesSince(symbol: string, since: number): Promise<CcxtTrade[]> {
    const { pageLimit, windowMs } = this.paging;
    const until = this.paging.now() + CLOCK_MARGIN_MS;
    if (until - since > MAX_LOOKBACK_MS) {
      throw new InvalidInputError(`fills of ${symbol} since`, `${new Date(since).toISOString()} is more than ${MAX_LOOKBACK_MS / 86_400_000} days back: refused rather than read a day a request`);
    }
    const byId = new Map<string, CcxtTrade>();
    for (let windowStart = since; windowStart <= until; windowStart += windowMs) {
      const windowEnd = windowStart + windowMs - 1;
      let from = windowStart;
      for (;;) {
        const page = await this.read('fetchMyTrades', () => this.client.fetchMyTrades(symbol, from, pageLimit, { until: windowEnd }));
        const before = byId.size;
        for (const t of page) {
          // A trade without an id is refused, not skipped: a skipped trade is a fill the ledger never sees.
          if (t.id === undefined || t.id === '') throw badAnswer(`trade of order ${t.order ?? '(no order id)'}`, 'id is missing');
          if ((t.timestamp ?? since) >= since) byId.set(t.id, t);
        }
        const last = page.at(-1)?.timestamp;
        if (page.length < pageLimit || last === undefined || byId.size === before) break;
        from = last;
      }
    }
    return [...byId.values()].sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
  }

  private async clientIdOf(symbol: string, exchangeOrderId: string): Promise<string> {
    if (exchangeOrderId === '') return '';
    const known = this.clientIds.get(exchangeOrderId);
    if (known !== undefined) return known;
    const order = await this.read('fetchOrder', () => this.client.fetchOrder(exchangeOrderId, symbol));
    const clientOrderId = order.clientOrderId ?? '';
    if (clientOrderId === '') this.logger.warn({ symbol, exchangeOrderId }, 'a trade whose order has no client order id');
    this.remember(exchangeOrderId, clientOrderId);
    return clientOrderId;
  }
}
