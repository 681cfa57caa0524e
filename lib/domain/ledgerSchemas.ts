import * as z from 'zod';
import { TimeframeSchema } from './candle.js';
import type { Fill, Order, OrderIntent } from './order.js';
import { PLAN_STATUSES, type Plan } from './plan.js';
import type { RiskRejection } from './riskRejection.js';

/**
 * Schemas for the ledger rows that cross a boundary (stored, read back, sent on a queue).
 * Each is checked against its TypeScript type, so the two cannot drift apart.
 */
const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a plain decimal string');
const positiveDecimal = decimalString.refine((v) => Number(v) > 0, 'must be greater than zero');
const time = z.number().int().nonnegative();
const side = z.enum(['buy', 'sell']);
const orderType = z.enum(['market', 'limit', 'stop_market']);

export const FeeSchema = z.strictObject({ cost: decimalString, currency: z.string().min(1) });

export const OrderIntentSchema = z.strictObject({
  clientOrderId: z.string().regex(/^[A-Za-z0-9._:/-]{1,36}$/, 'must be 1-36 characters of [A-Za-z0-9._:/-]'),
  botId: z.string().min(1),
  planId: z.string().min(1),
  leg: z.enum(['entry', 'exit', 'stop']),
  attempt: z.number().int().min(0).max(999),
  symbol: z.string().min(1),
  side,
  type: orderType,
  amount: positiveDecimal,
  price: positiveDecimal.optional(),
  stopPrice: positiveDecimal.optional(),
  createdAt: time,
}) satisfies z.ZodType<OrderIntent>;

export const OrderSchema = z.strictObject({
  clientOrderId: z.string().min(1),
  exchangeOrderId: z.string().min(1),
  symbol: z.string().min(1),
  side,
  type: orderType,
  status: z.enum(['open', 'closed', 'canceled', 'rejected', 'expired']),
  amount: positiveDecimal,
  filled: decimalString,
  price: positiveDecimal.optional(),
  stopPrice: positiveDecimal.optional(),
  average: positiveDecimal.optional(),
  timestamp: time,
}) satisfies z.ZodType<Order>;

export const FillSchema = z.strictObject({
  id: z.string().min(1),
  clientOrderId: z.string().min(1),
  exchangeOrderId: z.string().min(1),
  symbol: z.string().min(1),
  side,
  price: positiveDecimal,
  amount: positiveDecimal,
  cost: positiveDecimal,
  fee: FeeSchema,
  timestamp: time,
}) satisfies z.ZodType<Fill>;

const RiskRejectionSchema = z
  .object({ code: z.string().min(1) })
  .loose()
  .transform((r) => r as unknown as RiskRejection);

const BotManagedCauseSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('stop_limit'), resting: z.number().int().min(0), limit: z.number().int().min(1) }),
  z.strictObject({ kind: z.literal('refused'), stopPrice: positiveDecimal.optional() }),
  z.strictObject({ kind: z.literal('below_minimum'), held: decimalString, minAmount: decimalString }),
]);

export const PlanSchema = z.strictObject({
  id: z.string().min(1),
  botId: z.string().min(1),
  symbol: z.string().min(1),
  timeframe: TimeframeSchema,
  strategy: z.string().min(1),
  side: z.enum(['long', 'short']),
  status: z.enum(PLAN_STATUSES),
  reason: z.string(),
  candleOpenTime: time,
  createdAt: time,
  updatedAt: time,
  version: z.number().int().min(1),
  entry: positiveDecimal,
  stop: positiveDecimal,
  target: positiveDecimal,
  trailingStopPct: positiveDecimal.optional(),
  maxAgeMs: z.number().int().positive().optional(),
  pWin: z.number().min(0).max(1).optional(),
  amount: positiveDecimal.optional(),
  activeStop: positiveDecimal.optional(),
  highWatermark: positiveDecimal.optional(),
  rejection: RiskRejectionSchema.optional(),
  restingStop: z.strictObject({ attempt: z.number().int().min(0), stopPrice: positiveDecimal, amount: positiveDecimal, placedAt: time }).optional(),
  botManagedStop: z.string().min(1).optional(),
  // Optional: a plan stored before causes were kept has `botManagedStop` alone (botManagedCause reads it).
  botManagedCause: BotManagedCauseSchema.optional(),
  entryAttempt: z.number().int().min(0),
  exitAttempt: z.number().int().min(0),
  openedAt: time.optional(),
  filledAmount: decimalString.optional(),
  avgEntryPrice: positiveDecimal.optional(),
  exitReason: z.enum(['stop', 'target', 'trailing_stop', 'max_age', 'flatten']).optional(),
  closedAt: time.optional(),
  avgExitPrice: positiveDecimal.optional(),
  realizedPnl: decimalString.optional(),
  feesPaid: decimalString.optional(),
}) satisfies z.ZodType<Plan, unknown>;
