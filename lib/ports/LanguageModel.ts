import type { LlmRejectionCode } from '../strategy/llm/LlmRejection.js';

/** One question to a language model: instructions, the prompt, and the structured answer's JSON Schema. */
export interface ModelRequest {
  readonly system: string;
  readonly prompt: string;
  /** The tool (Bedrock) or response format (OpenAI) name the answer goes under. */
  readonly answerName: string;
  readonly answerSchema: Readonly<Record<string, unknown>>;
  readonly maxOutputTokens: number;
  /** Bytes of answer accepted; more is refused as oversized. */
  readonly maxAnswerBytes: number;
  /** SHA-256 of system and prompt: how a recorded answer is found again. */
  readonly promptHash: string;
}

/** What a model answered: the structured answer, unvalidated, and what the call used. */
export interface ModelReply {
  /** The answer as the provider gave it (a tool input, or the parsed JSON content). */
  readonly answer: unknown;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** A call that ended without a structured answer; `code` names why. */
export interface ModelFailure {
  readonly code: Extract<LlmRejectionCode, 'throttled' | 'provider_error' | 'timeout' | 'request_refused' | 'network_error' | 'malformed_answer' | 'refusal' | 'oversized_answer' | 'replay_missing'>;
  readonly detail: string;
  /** Tokens billed even so (a refusal in prose is billed). */
  readonly inputTokens?: number;
  readonly outputTokens?: number;
}

/**
 * A language model behind one provider's wire format: Bedrock Converse, an OpenAI-compatible
 * Chat Completions endpoint, or recorded answers. It never throws for the model's or the
 * provider's failures: it returns them, named, and the strategy proposes nothing.
 */
export interface LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  ask(request: ModelRequest, signal: AbortSignal): Promise<ModelReply | ModelFailure>;
}

export function isModelFailure(value: ModelReply | ModelFailure): value is ModelFailure {
  return 'code' in value;
}

/** One call as recorded (and replayed): enough to answer the same prompt again, and to audit its cost. */
export interface LlmCallRecord {
  readonly at: number;
  readonly promptHash: string;
  readonly promptVersion: string;
  readonly system: string;
  readonly prompt: string;
  readonly provider: string;
  readonly modelId: string;
  /** The structured answer, when there was one. */
  readonly answer?: unknown;
  readonly failure?: { readonly code: string; readonly detail: string };
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly latencyMs: number;
  /** USD, a decimal string. */
  readonly costUsd: string;
}

/** Where calls are kept: a JSONL file locally (--llm-record), the telemetry table with a TTL when deployed. */
export interface LlmCallLog {
  record(call: LlmCallRecord): Promise<void>;
}
