import { BadResponse } from './ccxtErrors.js';

/**
 * A venue answer that lacks a field the gateway relies on, or holds an impossible value, as
 * ccxt's own error for an unreadable answer: retried like one, classified like one, and never
 * read as "nothing there". `what` names the thing answered about, `problem` the field.
 */
export function badAnswer(what: string, problem: string): Error {
  return new BadResponse(`${what}: ${problem}`);
}

/** `value` as a finite number, or undefined for anything else (ccxt leaves an unparsable field undefined). */
export function finiteOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
