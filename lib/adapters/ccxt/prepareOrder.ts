import type { OrderIntent } from '../../domain/order.js';
import { buildOrderRequest, type OrderRequestResult } from './buildOrderRequest.js';
import type { CcxtClient } from './CcxtClient.js';
import type { MarketCache } from './MarketCache.js';
import type { PauseWindows } from './PauseWindows.js';
import { supportsStopOrders } from './supportsStopOrders.js';

export interface PrepareOrderDeps {
  readonly client: CcxtClient;
  readonly markets: MarketCache;
  readonly pause: PauseWindows;
  readonly now: number;
  readonly stopLimitOffsetPct: number;
  readonly lastPrice: (symbol: string) => Promise<number>;
  readonly redact: (message: string) => string;
}

/**
 * Everything checked before an order leaves: the pause windows, the market, its rounding and
 * limits. A failure here (markets unreachable too) refuses the order: nothing was sent, so the
 * venue positively has none.
 */
export async function prepareOrder(intent: OrderIntent, deps: PrepareOrderDeps): Promise<OrderRequestResult> {
  const paused = deps.pause.activeAt(deps.now);
  if (paused !== undefined) return { kind: 'refused', reason: `exchange pause window ${paused}: no order is sent` };
  try {
    const raw = await deps.markets.ccxtMarket(intent.symbol);
    const market = await deps.markets.market(intent.symbol);
    if (raw === undefined || market === undefined) return { kind: 'refused', reason: `${deps.client.id} has no market ${intent.symbol}` };
    const lastPrice = intent.type === 'market' && intent.price === undefined ? String(await deps.lastPrice(intent.symbol)) : undefined;
    return buildOrderRequest(intent, market, {
      stopOrders: supportsStopOrders(deps.client, raw),
      stopLimitOffsetPct: deps.stopLimitOffsetPct,
      ...(lastPrice !== undefined ? { lastPrice } : {}),
    });
  } catch (error) {
    return { kind: 'refused', reason: `not sent: ${error instanceof Error ? deps.redact(error.message) : String(error)}` };
  }
}
