import { readFileSync } from 'node:fs';
import { type BotConfig, BotConfigSchema } from '../lib/domain/botConfig.js';
import { InvalidInputError } from '../lib/domain/errors.js';
import { parseWith } from '../lib/domain/validation.js';

/** Reads and validates a bot configuration file; errors name the file and the bad field. */
export function loadBotConfigFile(path: string): BotConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidInputError(path, `cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(path, `is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return parseWith(BotConfigSchema, value, path);
}
