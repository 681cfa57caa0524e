import type { Market } from '../../domain/market.js';
import type { CcxtClient, CcxtMarket } from './CcxtClient.js';
import { toMarket } from './toMarket.js';

/**
 * Markets loaded once per gateway; callers that ask while the load is in flight share it,
 * and a failed load is forgotten so the next call tries again.
 */
export class MarketCache {
  private loading: Promise<Readonly<Record<string, CcxtMarket | undefined>>> | undefined;
  private readonly mapped = new Map<string, Market>();

  constructor(
    private readonly client: CcxtClient,
    private readonly load: () => Promise<Readonly<Record<string, CcxtMarket | undefined>>>,
  ) {}

  async ccxtMarket(symbol: string): Promise<CcxtMarket | undefined> {
    const markets = await this.all();
    return markets[symbol];
  }

  /** Undefined when the venue lists no such market. */
  async market(symbol: string): Promise<Market | undefined> {
    const cached = this.mapped.get(symbol);
    if (cached !== undefined) return cached;
    const raw = await this.ccxtMarket(symbol);
    if (raw === undefined) return undefined;
    const market = toMarket(raw, this.client.precisionMode);
    this.mapped.set(symbol, market);
    return market;
  }

  private all(): Promise<Readonly<Record<string, CcxtMarket | undefined>>> {
    if (this.loading === undefined) {
      this.loading = this.load();
      this.loading.catch(() => {
        this.loading = undefined;
      });
    }
    return this.loading;
  }
}
