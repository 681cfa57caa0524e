import * as z from 'zod';
import { CandleSchema } from '../../domain/candle.js';
import { FillSchema, OrderSchema } from '../../domain/ledgerSchemas.js';
import { MarketSchema } from '../../domain/market.js';
import type { PaperVenueState } from './PaperExchange.js';

const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string');

export const PaperVenueStateSchema: z.ZodType<PaperVenueState> = z.strictObject({
  totals: z.record(z.string(), decimalString),
  orders: z.array(OrderSchema),
  resting: z.array(z.strictObject({ clientOrderId: z.string().min(1), reserveAsset: z.string().min(1), reserved: decimalString, working: z.literal(true).optional() })),
  lastCandles: z.record(z.string(), CandleSchema),
  fills: z.array(FillSchema),
  nextOrderId: z.number().int().min(1),
});

export const PaperMarketsSchema = z.record(z.string(), MarketSchema);
