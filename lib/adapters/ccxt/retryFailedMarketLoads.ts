const GUARDED = Symbol('retryFailedMarketLoads');

type LoadMarkets = (...args: unknown[]) => Promise<unknown>;

/**
 * ccxt keeps the promise of its first `loadMarkets`, a rejected one too, and every call that
 * needs the markets (fetchBalance, createOrder, ...) awaits it: one failed exchangeInfo (a
 * 502, a timeout) would fail the client for the rest of its life, a warm Lambda's. A failed
 * load is forgotten here, so the next call that needs the markets loads them again.
 */
export function retryFailedMarketLoads(client: object): void {
  const target = client as { loadMarkets?: unknown; marketsLoading?: unknown; [GUARDED]?: true };
  if (typeof target.loadMarkets !== 'function' || target[GUARDED]) return;
  const original = (target.loadMarkets as LoadMarkets).bind(client);
  const guarded: LoadMarkets = async (...args) => {
    const answer = original(...args);
    // Set synchronously by the call above: the load this call shares.
    const loading = target.marketsLoading;
    try {
      return await answer;
    } catch (error) {
      if (target.marketsLoading === loading) target.marketsLoading = undefined;
      throw error;
    }
  };
  Object.assign(target, { loadMarkets: guarded, [GUARDED]: true });
}
