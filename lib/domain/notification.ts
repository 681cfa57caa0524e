import * as z from 'zod';
import type { KillSwitchState } from './killSwitch.js';
import type { ExitReason, PlanSide } from './plan.js';
import type { RiskRejectionCode } from './riskRejection.js';

/** What the bot tells its owner; config routes each kind to channels. */
export const NOTIFICATION_KINDS = ['entry', 'exit', 'rejections', 'dailySummary', 'killSwitch', 'reconciliation', 'alarm'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_CHANNELS = ['telegram', 'discord', 'slack', 'email'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** Money fields are decimal strings, as stored: a notification never recomputes them in floats. */
export type BotNotification =
  | { readonly kind: 'entry'; readonly symbol: string; readonly side: PlanSide; readonly planId: string; readonly amount: string; readonly entry: string; readonly stop: string; readonly target: string; readonly reason: string }
  | { readonly kind: 'exit'; readonly symbol: string; readonly planId: string; readonly exitReason: ExitReason; readonly amount: string; readonly avgEntryPrice?: string; readonly avgExitPrice?: string; readonly realizedPnl?: string; readonly fees?: string }
  /** Every risk rejection of one notifier batch, counted by reason: one message, not one per candle. */
  | { readonly kind: 'rejections'; readonly from: number; readonly to: number; readonly byReason: Readonly<Partial<Record<RiskRejectionCode, { readonly count: number; readonly symbols: readonly string[]; readonly example: string }>>> }
  | { readonly kind: 'dailySummary'; readonly day: string; readonly trades: number; readonly wins: number; readonly losses: number; readonly pnlByQuote: Readonly<Record<string, string>>; readonly feesByQuote: Readonly<Record<string, string>> }
  | { readonly kind: 'killSwitch'; readonly state: KillSwitchState | 'unknown'; readonly time: number; readonly detail: string }
  | { readonly kind: 'reconciliation'; readonly outcome: 'halted' | 'repaired' | 'flatten' | 'staleIntents'; readonly time: number; readonly detail: string }
  | { readonly kind: 'alarm'; readonly name: string; readonly state: string; readonly reason: string; readonly time: string };

/**
 * `notifications` in config/bot.json: which kinds go to which channels. The channels' tokens,
 * chat ids and webhook addresses are in the SSM SecureString `/<botId>/notifications` the owner puts, never here.
 */
export const NotificationSettingsSchema = z.strictObject({
  routes: z.partialRecord(z.enum(NOTIFICATION_KINDS), z.array(z.enum(NOTIFICATION_CHANNELS)).max(NOTIFICATION_CHANNELS.length)).default({
    entry: ['telegram'],
    exit: ['telegram'],
    rejections: ['telegram'],
    dailySummary: ['telegram', 'email'],
    killSwitch: ['telegram', 'email'],
    reconciliation: ['telegram', 'email'],
    alarm: ['telegram', 'email'],
  }),
  /** Subscribed to the notification topic (the email channel). @default none: email sends are skipped */
  email: z.email().optional(),
  /** Attempts per send, the first included; waits double from 500 ms with jitter. */
  maxAttempts: z.number().int().min(1).max(6).default(4),
  /** Telegram chats whose commands the webhook obeys (numeric chat ids). */
  allowedChatIds: z.array(z.number().int()).default([]),
});
export type NotificationSettings = z.output<typeof NotificationSettingsSchema>;
