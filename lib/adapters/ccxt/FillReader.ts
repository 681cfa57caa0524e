import type { Fill } from '../../domain/order.js';
import type { Logger } from '../../ports/Logger.js';
import { badAnswer } from './badAnswer.js';
import type { CcxtClient, CcxtTrade } from './CcxtClient.js';
import { toFill } from './toFill.js';

export type ReadCall = <T>(operation: string, call: () => Promise<T>) => Promise<T>;

/**
 * Our own trades as fills. A venue's trade names its order by the exchange's id only, so the
 * client order id comes from orders this gateway has seen, or one order query per unseen id.
 */
export class FillReader {
  private readonly clientIds = new Map<string, string>();

  constructor(
    private readonly client: CcxtClient,
    private readonly read: ReadCall,
    private readonly pageLimit: number,
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

  /** Pages forward from `since`; a page boundary inside one millisecond is deduplicated by trade id. */
  private async tradesSince(symbol: string, since: number): Promise<CcxtTrade[]> {
    const byId = new Map<string, CcxtTrade>();
    let from = since;
    for (;;) {
      const page = await this.read('fetchMyTrades', () => this.client.fetchMyTrades(symbol, from, this.pageLimit));
      const before = byId.size;
      for (const t of page) {
        // A trade without an id is refused, not skipped: a skipped trade is a fill the ledger never sees.
        if (t.id === undefined || t.id === '') throw badAnswer(`trade of order ${t.order ?? '(no order id)'}`, 'id is missing');
        if ((t.timestamp ?? since) >= since) byId.set(t.id, t);
      }
      const last = page.at(-1)?.timestamp;
      if (page.length < this.pageLimit || last === undefined || byId.size === before) break;
      from = last;
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
