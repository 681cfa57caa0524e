import type { Awaitable } from '../../domain/awaitable.js';
import type { LanguageModel, LlmCallLog } from '../../ports/LanguageModel.js';
import type { LlmSpendCounter } from '../../ports/LlmSpendCounter.js';
import type { Logger } from '../../ports/Logger.js';
import type { Metrics } from '../../ports/Metrics.js';
import type { LlmParams } from './llmParams.js';

/** What the `llm` strategy needs from where it runs: the model, and where calls are logged and counted. */
export interface LlmServices {
  readonly model: LanguageModel;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Every call is recorded here when given. */
  readonly calls?: LlmCallLog;
  /** The decide function's time for one message: a call's timeout never exceeds it. */
  readonly maxTimeoutMs?: number;
  /** The day's spend, shared by every instance that calls; the process's own when not given. */
  readonly spend?: LlmSpendCounter;
}

/** Built by the runtime for the strategy's params (provider, model, endpoint). */
export type LlmServicesFactory = (params: LlmParams) => Awaitable<LlmServices>;

/** Metric names the strategy publishes; each is a billed custom metric, so few. */
export const LLM_METRIC_NAMES = {
  /** Calls made (only when > 0). */
  calls: 'LlmCalls',
  /** Input plus output tokens of the calls (only when > 0). */
  tokens: 'LlmTokens',
  /** Calls that ended without a usable answer (only when > 0); the code is in the log line. */
  failures: 'LlmFailures',
  /** Candles the model was not asked about because the day's budget is spent; alarms. */
  budgetExhausted: 'LlmBudgetExhausted',
} as const;
