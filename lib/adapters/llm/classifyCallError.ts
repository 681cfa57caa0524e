import type { ModelFailure } from '../../ports/LanguageModel.js';

interface CallError {
  readonly name?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $fault?: string;
}

const THROTTLING = new Set(['ThrottlingException', 'TooManyRequestsException', 'ServiceQuotaExceededException']);
const PROVIDER_FAULTS = new Set(['InternalServerException', 'ServiceUnavailableException', 'ModelNotReadyException', 'ModelErrorException']);

/**
 * A provider call's error as a named failure: the signal's timeout, throttling, the
 * provider's fault (5xx), a refused request (4xx), a body that is not the JSON the client
 * expects, or the network.
 */
export function classifyCallError(error: unknown, signal: AbortSignal): ModelFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as CallError;
  const name = e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  const detail = `${name}${status !== undefined ? ` (HTTP ${status})` : ''}: ${(e.message ?? String(error)).slice(0, 200)}`;
  if (signal.aborted || name === 'AbortError' || name === 'TimeoutError' || name === 'ModelTimeoutException') return { code: 'timeout', detail };
  if (THROTTLING.has(name) || status === 429) return { code: 'throttled', detail };
  if (PROVIDER_FAULTS.has(name) || (status !== undefined && status >= 500)) return { code: 'provider_error', detail };
  if (name === 'SyntaxError' || /deserializ|JSON/i.test(e.message ?? '')) return { code: 'malformed_answer', detail };
  if (status !== undefined && status >= 400) return { code: 'request_refused', detail };
  return { code: 'network_error', detail };
}
