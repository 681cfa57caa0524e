import { type DestinationStream, type Logger, pino } from 'pino';
import { scrubLogLine } from '../../adapters/ccxt/redactSecrets.js';

/**
 * Paths pino blanks out wherever they appear: exchange keys, secrets, signatures and
 * auth headers never reach a log line, even inside an error's config.
 */
export const REDACTED_PATHS = [
  'apiKey',
  'secret',
  'password',
  'signature',
  '*.apiKey',
  '*.secret',
  '*.password',
  '*.signature',
  '*.*.apiKey',
  '*.*.secret',
  'headers["x-mbx-apikey"]',
  '*.headers["x-mbx-apikey"]',
  'headers.authorization',
  '*.headers.authorization',
];

export interface LoggerOptions {
  readonly service: string;
  readonly level?: string;
  /** Where lines go; stdout (CloudWatch Logs in Lambda) when absent. */
  readonly destination?: DestinationStream;
}

/**
 * JSON lines with an ISO time and a named level, secrets redacted: by field (REDACTED_PATHS),
 * then in the whole line (the exchange keys read in this process, and request signatures).
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.err },
      hooks: { streamWrite: scrubLogLine },
    },
    options.destination,
  );
}
