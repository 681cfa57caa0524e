import { PLAN_PROMPT_V1 } from './planPromptV1.js';

/**
 * The `llm` strategy's prompt template, version plan-v2: plan-v1 with the snapshot's candles
 * of every timeframe the symbol is configured on (`candles` keyed by timeframe), and the
 * indicators said to be of the decided timeframe. plan-v1 stays loadable (`promptVersion`),
 * so answers recorded with it still replay.
 */
export const PLAN_PROMPT_V2 = {
  version: 'plan-v2',
  system: PLAN_PROMPT_V1.system,
  user: PLAN_PROMPT_V1.user.replace(
    'Candles are [openTimeMs, open, high, low, close, volume], oldest first. Indicators are over the whole window; null means not enough candles yet.',
    [
      'candles holds, per timeframe the symbol is traded on, rows [openTimeMs, open, high, low, close, volume], oldest first, each closed by the newest {{timeframe}} candle\'s close.',
      'Indicators are over the whole {{timeframe}} window; null means not enough candles yet.',
    ].join('\n'),
  ),
} as const;
