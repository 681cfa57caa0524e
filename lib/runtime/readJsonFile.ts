import { readFile } from 'node:fs/promises';
import { InvalidInputError } from '../domain/errors.js';

/** A JSON file's value; an unreadable file or bad JSON is an InvalidInputError naming the file. */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InvalidInputError(file, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidInputError(file, `not JSON: ${(error as Error).message}`);
  }
}
