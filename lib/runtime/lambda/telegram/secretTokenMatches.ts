import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Telegram's `X-Telegram-Bot-Api-Secret-Token` against ours, in constant time: both are
 * hashed first, so neither the comparison nor a length check tells how much of a guess was right.
 */
export function secretTokenMatches(given: string | undefined, expected: string | undefined): boolean {
  if (given === undefined || expected === undefined || expected === '') return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
