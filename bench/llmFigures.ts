// Issue 19's language-model figures: the shipped prompt's size in tokens for a real snapshot,
// and what the llm strategy's calls cost a month for 10 symbols at the default pre-filter.
// Tokens are estimated at 4 characters a token (no tokenizer is installed; Nova's and
// Claude's average on JSON and English is 3.5 to 4.5), so the figure is an estimate.
import { ArrayCandleWindow } from '../lib/domain/candleWindow.js';
import { DEFAULT_WINDOW_SIZE } from '../lib/domain/config.js';
import { loadCandleFile } from '../lib/runtime/backtest/loadCandleFile.js';
import { buildPlanPrompt } from '../lib/strategy/llm/buildPlanPrompt.js';
import { callCost } from '../lib/strategy/llm/callCost.js';
import { LlmParamsSchema } from '../lib/strategy/llm/llmParams.js';
import { PLAN_PROMPTS } from '../lib/strategy/llm/planPrompts.js';
import { buildMarketSnapshot } from '../lib/strategy/marketSnapshot.js';

const CHARS_PER_TOKEN = 4;
/** A typical structured answer (an entry with a one-sentence reason), as the loopback model gives it. */
const ANSWER = '{"action":"enter","entry":0.0123456,"stop":0.0121234,"target":0.0127890,"confidence":0.55,"horizonCandles":48,"reason":"EMA12 0.01234 above EMA26 0.01229, RSI14 61.2"}';
const SYMBOLS = 10;
const CANDLES_A_MONTH_1M = 30 * 24 * 60;

export async function measureLlmFigures(): Promise<Record<string, unknown>> {
  const params = LlmParamsSchema.parse({});
  const series = await loadCandleFile('../shared/data/candles/ETH_BTC-1m.json');
  const window = new ArrayCandleWindow(series.candles, 1000, 1000 + DEFAULT_WINDOW_SIZE);
  const snapshot = buildMarketSnapshot(
    { symbol: series.symbol, timeframe: series.timeframe, window, openPlans: [], balances: { BTC: '1', ETH: '0' } },
    { candles: params.promptCandles },
  );
  const prompt = buildPlanPrompt(snapshot, params.entryBand, PLAN_PROMPTS[params.promptVersion]);
  const promptTokens = Math.ceil((prompt.system.length + prompt.prompt.length) / CHARS_PER_TOKEN);
  const answerTokens = Math.ceil(ANSWER.length / CHARS_PER_TOKEN);
  const preFilter = params.preFilter;
  const callsPerCandle = preFilter.kind === 'every-n' ? 1 / preFilter.everyNCandles : 1;
  const callsAMonth = Math.round(SYMBOLS * CANDLES_A_MONTH_1M * callsPerCandle);
  const perCall = callCost(promptTokens, answerTokens, params.prices);
  return {
    promptTokens,
    promptVersion: prompt.version,
    promptChars: prompt.system.length + prompt.prompt.length,
    answerTokens,
    tokenEstimate: `${CHARS_PER_TOKEN} characters a token`,
    model: params.modelId,
    prices: params.prices,
    priceSource: 'Amazon Bedrock on-demand list price, Amazon Nova Micro, us-east-1 (USD per million tokens)',
    callUsd: perCall.toFixed(),
    monthlyUsd: Number(perCall.times(callsAMonth).toFixed(4)),
    callsAMonth,
    scope: `${SYMBOLS} symbols on 1-minute candles, pre-filter ${preFilter.kind}${preFilter.kind === 'every-n' ? ` ${preFilter.everyNCandles}` : ''} (the default), ${params.promptCandles} candles in the prompt`,
    dailyBudgetUsd: params.dailyBudgetUsd,
  };
}

if (process.argv[1]?.endsWith('llmFigures.ts')) console.log(JSON.stringify(await measureLlmFigures(), null, 2));
