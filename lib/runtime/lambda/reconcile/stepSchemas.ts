import * as z from 'zod';
import { BotStateSchema } from '../../../domain/botState.js';
import { FillSchema, OrderIntentSchema, OrderSchema, PlanSchema } from '../../../domain/ledgerSchemas.js';
import type { ActionRepair } from '../../../services/reconciliation/findings.js';
import type { ExchangeSnapshot, LedgerSnapshot } from '../../../services/reconciliation/snapshots.js';

/**
 * What each step accepts, checked on the way in: the state machine passes JSON between
 * functions, and a step acts on nothing it has not validated.
 */
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a plain decimal string');
const lockId = z.string().min(1).max(80);
const time = z.number().int().nonnegative();

const BalancesSchema = z.record(z.string(), z.strictObject({ free: decimal, used: decimal, total: decimal }));

export const ExchangeSnapshotSchema = z.strictObject({
  takenAt: time,
  balances: BalancesSchema,
  openOrders: z.array(OrderSchema),
  orders: z.record(z.string(), OrderSchema.nullable()),
  fills: z.array(FillSchema),
  smallestSellable: z.record(z.string(), decimal),
  lastPrices: z.record(z.string(), decimal),
  ledgerRecords: z.record(z.string(), z.enum(['none', 'unsettled', 'final'])),
  finalOrdersAtVenue: z.array(z.strictObject({ intent: OrderIntentSchema, recorded: OrderSchema, venue: OrderSchema })),
}) satisfies z.ZodType<ExchangeSnapshot>;

export const LedgerSnapshotSchema = z.strictObject({
  takenAt: time,
  state: BotStateSchema,
  livePlans: z.array(PlanSchema),
  unsettled: z.array(z.strictObject({ intent: OrderIntentSchema, order: OrderSchema.optional(), plan: PlanSchema.optional() })),
}) satisfies z.ZodType<LedgerSnapshot>;

const PlanWriteSchema = z.strictObject({ plan: PlanSchema, expectedVersion: z.number().int().min(0) });

export const ActionRepairSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('recordLedger'),
    plan: PlanWriteSchema.optional(),
    intents: z.array(OrderIntentSchema),
    orders: z.array(OrderSchema),
    fills: z.array(FillSchema),
    stopOut: z.strictObject({ symbol: z.string().min(1), time }).optional(),
  }),
  z.strictObject({
    kind: z.literal('protectPosition'),
    planId: z.string().min(1),
    expectedVersion: z.number().int().min(1),
    symbol: z.string().min(1),
    mode: z.enum(['stop', 'flatten']),
    stopPrice: decimal,
    exitAttempt: z.number().int().min(0).optional(),
  }),
  z.strictObject({ kind: z.literal('cancelOrder'), order: OrderSchema, intent: OrderIntentSchema.optional() }),
]) satisfies z.ZodType<ActionRepair>;

export const LockStepInputSchema = z.object({
  lockId,
  /** The execution's input: why it runs, and whether it may lift a HALTED bot. */
  input: z.looseObject({ reason: z.string().max(200).optional(), resumeHalted: z.boolean().optional() }).optional(),
});
export const LockedStepInputSchema = z.object({ lockId });
export const DiffStepInputSchema = z.object({ lockId, round: z.number().int().min(1), exchange: ExchangeSnapshotSchema, ledger: LedgerSnapshotSchema });
export const ApplyRepairStepInputSchema = z.object({ lockId, repair: ActionRepairSchema });
export const VerifyStepInputSchema = z.object({ lockId, round: z.number().int().min(1) });
/** Halt gets the whole state: the lock when taken, the diff's reason or the caught error. */
export const HaltStepInputSchema = z.looseObject({
  lock: z.looseObject({ lockId: z.string().optional() }).optional(),
  diff: z.looseObject({ halt: z.string().optional(), round: z.number().optional() }).optional(),
  error: z.looseObject({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
});
