import type { z } from 'zod';
import { CorruptRecordError } from '../../domain/errors.js';

/** Drops the storage-only attributes and checks the rest against the row's schema. */
export function parseItem<T>(schema: z.ZodType<T>, item: Record<string, unknown>, store: string, storageAttributes: readonly string[]): T {
  const row: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) if (!storageAttributes.includes(name)) row[name] = value;
  const parsed = schema.safeParse(row);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = storageAttributes.flatMap((name) => (typeof item[name] === 'string' || typeof item[name] === 'number' ? [String(item[name])] : [])).join('/');
  throw new CorruptRecordError(store, key || '(no key)', `${issue?.path.join('.') || '(row)'}: ${issue?.message ?? 'invalid'}`);
}
