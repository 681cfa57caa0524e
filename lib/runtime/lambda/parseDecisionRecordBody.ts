import { type DecisionMessage, DecisionMessageSchema } from '../../domain/decisionMessage.js';

export type ParsedDecisionMessage = { readonly ok: true; readonly message: DecisionMessage } | { readonly ok: false; readonly reason: string };

/**
 * An SQS body as a decision message for one of the bot's own series; anything else is
 * refused with the reason, naming the field.
 */
export function parseDecisionRecordBody(body: string, series: ReadonlySet<string>): ParsedDecisionMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    return { ok: false, reason: `body is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = DecisionMessageSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') || '(body)'}: ${issue?.message ?? 'invalid'}` };
  }
  const { symbol, timeframe } = parsed.data;
  if (series.has(`${symbol}#${timeframe}`)) return { ok: true, message: parsed.data };
  const tradedTimeframes = [...series].filter((key) => key.startsWith(`${symbol}#`)).map((key) => key.slice(symbol.length + 1));
  // A symbol the bot trades on other timeframes: the timeframe is what is wrong.
  if (tradedTimeframes.length > 0) return { ok: false, reason: `timeframe: ${timeframe} is not a timeframe this bot trades ${symbol} on (${tradedTimeframes.join(', ')})` };
  return { ok: false, reason: `symbol: ${symbol} ${timeframe} is not a series this bot trades` };
}
