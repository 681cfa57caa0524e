import { hash } from 'node:crypto';
import { InvalidInputError } from './errors.js';
import type { OrderLeg } from './order.js';
import type { Timeframe } from './candle.js';

/** Binance spot caps client order ids at 36 characters of [a-zA-Z0-9-_] (no dot, unlike its futures API); we stay well inside. */
const BOT_ID = /^[a-z0-9]{1,10}$/;
const LEG_CODE: Record<OrderLeg, string> = { entry: 'e', exit: 'x', stop: 's' };
const LEG_BY_CODE: Readonly<Record<string, OrderLeg>> = { e: 'entry', x: 'exit', s: 'stop' };

/** The one-shot `hash` gives createHash's digest at half its cost: a backtest derives one per plan and order. */
function shortHash(text: string): string {
  return hash('sha256', text, 'base64url').replace(/[-_]/g, '').slice(0, 14);
}

export function assertBotId(botId: string): string {
  if (!BOT_ID.test(botId)) throw new InvalidInputError('botId', `"${botId}" must be 1-10 lowercase letters or digits`);
  return botId;
}

/**
 * A plan is named by what produced it, so a redelivered candle proposes the same plan id
 * and every write keyed by it deduplicates.
 */
export function derivePlanId(botId: string, symbol: string, timeframe: Timeframe, candleOpenTime: number, strategy: string): string {
  return `${assertBotId(botId)}-${shortHash(`${symbol}|${timeframe}|${candleOpenTime}|${strategy}`)}`;
}

/** Plan id → its hash: a plan's order ids are derived again at each step of its life (intent, settlement). */
const planHashes = new Map<string, string>();

function planHash(planId: string): string {
  let hash = planHashes.get(planId);
  if (hash === undefined) {
    if (planHashes.size >= 1_024) planHashes.clear();
    planHashes.set(planId, (hash = shortHash(planId)));
  }
  return hash;
}

/** `<bot>-<plan hash>-<leg><attempt>`: the bot prefix tells our orders from anyone else's. */
export function deriveClientOrderId(botId: string, planId: string, leg: OrderLeg, attempt: number): string {
  if (!Number.isInteger(attempt) || attempt < 0 || attempt > 999) {
    throw new InvalidInputError('attempt', `${attempt} is not an integer from 0 to 999`);
  }
  return `${assertBotId(botId)}-${planHash(planId)}-${LEG_CODE[leg]}${attempt}`;
}

export function isOwnClientOrderId(botId: string, clientOrderId: string | undefined): boolean {
  return clientOrderId !== undefined && clientOrderId.startsWith(`${botId}-`);
}

/** The leg and attempt a client order id of ours names, or undefined when it is not in our format. */
export function parseClientOrderId(botId: string, clientOrderId: string): { readonly leg: OrderLeg; readonly attempt: number } | undefined {
  const match = /^([a-z0-9]{1,10})-[A-Za-z0-9]{1,14}-([exs])(\d{1,3})$/.exec(clientOrderId);
  if (!match || match[1] !== botId) return undefined;
  const leg = LEG_BY_CODE[match[2]!];
  return leg ? { leg, attempt: Number(match[3]) } : undefined;
}
