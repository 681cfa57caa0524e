/**
 * Why a candle the model was (or would have been) asked about brought no proposal. Each is
 * the decision record's strategy note (`llm: <code>: detail`) and a field of the log line.
 */
export type LlmRejectionCode =
  /** The day's spend reached the daily budget: no call is made. */
  | 'budget_exhausted'
  /** The day's spend could not be read (the shared counter failed): no call is made, as if over budget. */
  | 'budget_unreadable'
  /** The provider throttled every attempt (HTTP 429, ThrottlingException). */
  | 'throttled'
  /** The provider failed (HTTP 5xx) on every attempt. */
  | 'provider_error'
  /** No answer within the call's timeout. */
  | 'timeout'
  /** The provider refused the request (HTTP 4xx other than 429: a bad key, an unknown model). */
  | 'request_refused'
  /** The connection failed. */
  | 'network_error'
  /** The answer was not the structured object asked for (bad JSON, a field missing or of the wrong type). */
  | 'malformed_answer'
  /** The model answered in prose instead of the structured answer. */
  | 'refusal'
  /** The answer was longer than maxAnswerBytes. */
  | 'oversized_answer'
  /** Entry, stop or target missing, not finite, or not positive. */
  | 'missing_levels'
  /** The entry is further from the last price than the configured band. */
  | 'entry_outside_band'
  /** Not stop < entry < target. */
  | 'levels_out_of_order'
  /** The stated confidence is below minConfidence. */
  | 'low_confidence'
  /** Replaying a backtest, no recorded answer has this prompt's hash (skip mode). */
  | 'replay_missing';

export interface LlmRejection {
  readonly code: LlmRejectionCode;
  readonly detail: string;
}

export function strategyNote(rejection: LlmRejection): string {
  return `llm: ${rejection.code}: ${rejection.detail}`;
}
