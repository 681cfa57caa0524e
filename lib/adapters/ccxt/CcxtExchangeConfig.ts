import * as z from 'zod';
import { DEFAULT_STOP_LIMIT_OFFSET } from '../../domain/stopLimit.js';
import { ExchangeIdSchema } from '../../domain/exchangeIds.js';
import { PauseWindowsSchema } from './PauseWindows.js';
import { RetryPolicySchema } from './RetryPolicy.js';

export const CcxtExchangeConfigSchema = z.strictObject({
  /** A ccxt exchange id, e.g. `binance`. */
  exchangeId: ExchangeIdSchema,
  /** The venue's testnet (ccxt `setSandboxMode(true)`). */
  sandbox: z.boolean().default(false),
  requestTimeoutMs: z.number().int().min(100).default(10_000),
  retry: RetryPolicySchema.default(RetryPolicySchema.parse({})),
  /** Exchange maintenance: no order is sent inside a window; reads still work. */
  pause: PauseWindowsSchema.default(PauseWindowsSchema.parse({})),
  /** A protective stop goes out as a stop-limit this fraction beyond its trigger. */
  stopLimitOffsetPct: z.number().finite().min(0).max(0.5).default(DEFAULT_STOP_LIMIT_OFFSET),
  /** How an order is found by client order id; by default a direct query on Binance, a scan elsewhere. */
  clientOrderLookup: z.enum(['fetchOrder', 'scanOrders']).optional(),
  /** Trades fetched per page of fetchMyTrades. */
  tradesPageLimit: z.number().int().min(1).max(1000).default(500),
  /**
   * The widest span one fetchMyTrades asks for (its `until`): Binance refuses a startTime and
   * endTime more than 24 hours apart, so older fills are read a day at a time.
   */
  tradesWindowMs: z.number().int().min(60_000).max(7 * 24 * 60 * 60_000).default(24 * 60 * 60_000),
});
export type CcxtExchangeConfig = z.output<typeof CcxtExchangeConfigSchema>;
export type CcxtExchangeConfigInput = z.input<typeof CcxtExchangeConfigSchema>;
