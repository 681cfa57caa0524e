import { ExchangeCallError } from '../../domain/errors.js';
import { classifyCcxtError } from './classifyCcxtError.js';

/** A failed venue call as the named error callers see, its message scrubbed by `redact`. */
export function toExchangeCallError(operation: string, error: unknown, redact: (message: string) => string): ExchangeCallError {
  if (error instanceof ExchangeCallError) return error;
  const failure = classifyCcxtError(error);
  return new ExchangeCallError(operation, failure.errorClass, failure.category, failure.retryable, redact(failure.message));
}
