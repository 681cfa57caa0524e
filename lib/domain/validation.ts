import type { z } from 'zod';
import { InvalidInputError } from './errors.js';

/**
 * Parses a value that crossed a boundary; on failure the error names the source and
 * the first bad field (`config.json: risk.maxOpenPlans: expected number, received string`).
 */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, source: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
  throw new InvalidInputError(`${source}: ${path}`, issue?.message ?? 'invalid');
}
