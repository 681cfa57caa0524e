/**
 * The wait a venue asked for in its Retry-After header (seconds, or an HTTP date), read from
 * ccxt's `last_response_headers`, which it sets before raising an error for the response.
 */
export function retryAfterMs(headers: Readonly<Record<string, string>> | undefined, now: number): number | undefined {
  const value = headers?.['Retry-After'] ?? headers?.['retry-after'];
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
