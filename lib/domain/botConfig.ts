import * as z from 'zod';
import { PauseWindowsSchema, RetryPolicySchema } from './exchangeGatewaySettings.js';
import { ExchangeIdSchema } from './exchangeIds.js';
import { ShadowListSchema, SymbolConfigSchema, TradingConfigSchema, WindowSizeSchema } from './config.js';
import { NotificationSettingsSchema } from './notification.js';
import { RetrainSettingsSchema } from './retrainSettings.js';

const decimalString = z.string().regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal string');
const minutes = z.number().int().min(1).max(1440);
const days = z.number().int().min(1).max(3650);

export const ExchangeSettingsSchema = z.strictObject({
  /** A ccxt exchange id the bot can load, e.g. `binance` (SUPPORTED_EXCHANGES). */
  id: ExchangeIdSchema,
  /** The venue's testnet. */
  sandbox: z.boolean().default(false),
  /** Retries of a failed venue call; the gateway's defaults (4 attempts, 250 ms to 10 s) when left out. */
  retry: RetryPolicySchema.optional(),
  /** Maintenance windows in which no order is sent; none when left out. */
  pause: PauseWindowsSchema.optional(),
});
export type ExchangeSettings = z.output<typeof ExchangeSettingsSchema>;

export const ScheduleSettingsSchema = z.strictObject({
  captureMinutes: minutes.default(1),
  heartbeatMinutes: minutes.default(5),
  maintenanceMinutes: minutes.default(60),
});

export const RetentionSettingsSchema = z.strictObject({
  /** Decision records, heartbeats, actions and equity snapshots. */
  telemetry: days.default(30),
  /** Captured candles. */
  market: days.default(14),
  /** Shadow strategies' plan events (their books are kept while they run). */
  shadow: days.default(90),
});

export const CalibrationSettingsSchema = z.strictObject({
  /** The rolling window: the newest this many resolved plans of each book. */
  outcomes: z.number().int().min(10).max(1000).default(200),
  /** Calibration is published (and can alarm) only over at least this many outcomes. */
  minOutcomes: z.number().int().min(10).max(1000).default(50),
  /** The alarm fires when the expected calibration error (10 bins) exceeds this. */
  maxExpectedCalibrationError: z.number().gt(0).lt(1).default(0.1),
}).superRefine(({ outcomes, minOutcomes }, ctx) => {
  // The window never holds more than `outcomes`: a larger minimum could never be met, and the alarm never fire.
  if (minOutcomes > outcomes) {
    ctx.addIssue({ code: 'custom', path: ['minOutcomes'], message: `${minOutcomes} is more than the rolling window's ${outcomes} outcomes (calibration.outcomes): the calibration alarm could never fire` });
  }
});

export const DecideSettingsSchema = z.strictObject({
  /** Messages per invocation; a FIFO event source takes at most 10. */
  batchSize: z.number().int().min(1).max(10).default(10),
  /** Concurrent invocations from the queue; the SQS event source's minimum is 2. */
  maxConcurrency: z.number().int().min(2).max(1000).default(2),
  timeoutSeconds: z.number().int().min(3).max(900).default(60),
});

export const ReconciliationSettingsSchema = z.strictObject({
  /** An open order of ours that the ledger does not know: cancel it at the venue, or record it and leave it resting. */
  unknownOrders: z.enum(['cancel', 'adopt']).default('cancel'),
  /** A held position nothing protects: rest a stop order at its stop on the venue, or sell it at market. */
  unprotectedPositions: z.enum(['stop', 'flatten']).default('stop'),
  /** How far (a fraction of what the plans hold) the venue's balance of an asset may fall short before the bot halts. */
  balanceTolerance: z
    .string()
    .regex(/^0(\.\d+)?$|^1$/, 'must be a decimal fraction from 0 to 1, e.g. "0.001"')
    .default('0.001'),
});
export type ReconciliationSettings = z.output<typeof ReconciliationSettingsSchema>;

/**
 * Everything one deployed bot needs: the trading configuration plus where it trades,
 * what it watches and how the stack runs it. Read by the CDK app from config/bot.json and
 * handed to the functions as the `BOT_CONFIG` environment variable.
 */
export const BotConfigSchema = TradingConfigSchema.extend({
  exchange: ExchangeSettingsSchema,
  /** `paper` fills against the paper exchange; `live` sends real orders; `shadow` sends none: the main strategy runs as a shadow. */
  mode: z.enum(['paper', 'live', 'shadow']).default('paper'),
  symbols: z
    .array(SymbolConfigSchema)
    .min(1, 'must list at least one symbol')
    .superRefine((symbols, ctx) => {
      const seen = new Set<string>();
      symbols.forEach(({ symbol, timeframe }, index) => {
        const key = `${symbol} ${timeframe}`;
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index], message: `duplicate entry ${key}` });
        seen.add(key);
      });
    }),
  schedules: ScheduleSettingsSchema.default(ScheduleSettingsSchema.parse({})),
  retentionDays: RetentionSettingsSchema.default(RetentionSettingsSchema.parse({})),
  /** Alarm notifications go here when set. */
  alarmEmail: z.email().optional(),
  decide: DecideSettingsSchema.default(DecideSettingsSchema.parse({})),
  reconciliation: ReconciliationSettingsSchema.default(ReconciliationSettingsSchema.parse({})),
  /** Candles kept for the strategy; the strategy's own warm-up sets the minimum. */
  windowSize: WindowSizeSchema,
  /** Paper mode's starting balances by asset. */
  paperBalances: z.record(z.string().min(1), decimalString).optional(),
  /** Notifications and Telegram commands; none are sent when left out. */
  notifications: NotificationSettingsSchema.optional(),
  /** Shadow strategies run beside the main one, each on a virtual book of its own, kept in the shadow table. */
  shadow: ShadowListSchema,
  /** Each shadow book's starting balances by asset; `paperBalances` when left out. */
  shadowBalances: z.record(z.string().min(1), decimalString).optional(),
  /** The calibration monitor: resolved plans that carried a pWin, scored by heartbeat. */
  calibration: CalibrationSettingsSchema.default(CalibrationSettingsSchema.parse({})),
  /** The retrain job: its window of captured candles and the validation floor of a challenger. */
  retrain: RetrainSettingsSchema.default(RetrainSettingsSchema.parse({})),
});
export type BotConfig = z.output<typeof BotConfigSchema>;
export type BotConfigInput = z.input<typeof BotConfigSchema>;
