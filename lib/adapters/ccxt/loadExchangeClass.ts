import { UnsupportedExchangeError } from '../../domain/errors.js';
import { isSupportedExchange, SUPPORTED_EXCHANGES } from '../../domain/exchangeIds.js';
import type { CcxtClient } from './CcxtClient.js';

/** What the gateway needs of a ccxt exchange class beyond the calls: construction and sandbox switching. */
export interface CcxtExchangeInstance extends CcxtClient {
  setSandboxMode(enabled: boolean): void;
  options: Record<string, unknown>;
}
export type CcxtExchangeClass = new (config?: Record<string, unknown>) => CcxtExchangeInstance;

export { isSupportedExchange, SUPPORTED_EXCHANGES, type SupportedExchangeId } from '../../domain/exchangeIds.js';

/**
 * Imports one ccxt exchange class by id, from its own module: importing 'ccxt' itself loads
 * every exchange (about 6 MB minified; one is about 1.3 MB). The id is checked against a fixed
 * list and each import is a literal path, so no configured string ever becomes a path.
 *
 * A bundle keeps one exchange when built with esbuild's `define` setting
 * `process.env.TRADER_CCXT_EXCHANGE` to the id (quoted) and `minify`: the other branches fold
 * away with their imports. Unbundled, every branch stays and only the asked-for one loads.
 * The paths are relative because ccxt's package "exports" hides its per-exchange modules.
 */
export async function loadExchangeClass(id: string): Promise<CcxtExchangeClass> {
  if (!isSupportedExchange(id)) throw new UnsupportedExchangeError(id, SUPPORTED_EXCHANGES);
  const bundled = process.env.TRADER_CCXT_EXCHANGE;
  if (bundled !== undefined && bundled !== id) throw new UnsupportedExchangeError(id, [bundled]);
  // Each test names the variable itself, not a local copy: that is the form esbuild folds.
  if ((process.env.TRADER_CCXT_EXCHANGE ?? id) === 'binance') return (await import('../../../node_modules/ccxt/js/src/binance.js')).default;
  if ((process.env.TRADER_CCXT_EXCHANGE ?? id) === 'binanceus') return (await import('../../../node_modules/ccxt/js/src/binanceus.js')).default;
  if ((process.env.TRADER_CCXT_EXCHANGE ?? id) === 'bybit') return (await import('../../../node_modules/ccxt/js/src/bybit.js')).default;
  if ((process.env.TRADER_CCXT_EXCHANGE ?? id) === 'okx') return (await import('../../../node_modules/ccxt/js/src/okx.js')).default;
  if ((process.env.TRADER_CCXT_EXCHANGE ?? id) === 'kraken') return (await import('../../../node_modules/ccxt/js/src/kraken.js')).default;
  if ((process.env.TRADER_CCXT_EXCHANGE ?? id) === 'coinbase') return (await import('../../../node_modules/ccxt/js/src/coinbase.js')).default;
  if ((process.env.TRADER_CCXT_EXCHANGE ?? id) === 'kucoin') return (await import('../../../node_modules/ccxt/js/src/kucoin.js')).default;
  if ((process.env.TRADER_CCXT_EXCHANGE ?? id) === 'bitstamp') return (await import('../../../node_modules/ccxt/js/src/bitstamp.js')).default;
  throw new UnsupportedExchangeError(id, SUPPORTED_EXCHANGES);
}
