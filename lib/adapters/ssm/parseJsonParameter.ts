import type * as z from 'zod';
import { InvalidInputError } from '../../domain/errors.js';

/**
 * A SecureString parameter's JSON value checked against its schema. Errors name the
 * parameter (`where`), each unfit field and the shape expected, never the value.
 */
export function parseJsonParameter<Schema extends z.ZodType>(value: string, where: string, schema: Schema, shape: string): z.output<Schema> {
  let json: unknown;
  try {
    json = JSON.parse(value) as unknown;
  } catch {
    throw new InvalidInputError(where, `is not JSON: it must hold ${shape}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code === 'unrecognized_keys' ? 'unexpected field' : issue.message}`);
    throw new InvalidInputError(where, `${fields.join('; ')}; it must hold ${shape}`);
  }
  return parsed.data;
}
