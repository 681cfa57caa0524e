import * as z from 'zod';

/**
 * The ccxt exchange ids the bot can load (each has its own import in
 * lib/adapters/ccxt/loadExchangeClass.ts). Only Binance spot is proven, against the exchange
 * simulator; the others load and are called through the same ccxt methods, untried.
 */
export const SUPPORTED_EXCHANGES = ['binance', 'binanceus', 'bybit', 'okx', 'kraken', 'coinbase', 'kucoin', 'bitstamp'] as const;
export type SupportedExchangeId = (typeof SUPPORTED_EXCHANGES)[number];

export function isSupportedExchange(id: string): id is SupportedExchangeId {
  return (SUPPORTED_EXCHANGES as readonly string[]).includes(id);
}

/** A configured exchange id: one of SUPPORTED_EXCHANGES, or the load fails naming the field and the list. */
export const ExchangeIdSchema = z.string().refine(isSupportedExchange, {
  error: (issue) => `"${String(issue.input)}" is not a supported ccxt exchange id (supported: ${SUPPORTED_EXCHANGES.join(', ')})`,
});
