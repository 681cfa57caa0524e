import * as z from 'zod';
import { CandleSchema, TimeframeSchema } from './candle.js';
import { SymbolConfigSchema } from './config.js';

/**
 * The body of a decisions-queue message: the candle that just closed, so deciding
 * needs no read to get it. The symbol is capped so the deduplication id stays within
 * the 128 characters SQS allows.
 */
export const DecisionMessageSchema = z.strictObject({
  symbol: SymbolConfigSchema.shape.symbol.max(64),
  timeframe: TimeframeSchema,
  candle: CandleSchema.strict(),
});
export type DecisionMessage = z.infer<typeof DecisionMessageSchema>;

/**
 * One id per (symbol, timeframe, candle), e.g. `LTC/BTC:5m:1515560100000`: a publish
 * retried within the SQS deduplication window is delivered once. Symbols are
 * `[A-Z0-9]+/[A-Z0-9]+`, so the id holds only characters SQS accepts.
 */
export function decisionDeduplicationId(message: DecisionMessage): string {
  return `${message.symbol}:${message.timeframe}:${message.candle.openTime}`;
}
