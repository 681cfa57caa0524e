import { readFileSync } from 'node:fs';
import { type BotConfig, BotConfigSchema } from '../lib/domain/botConfig.js';
import { InvalidInputError } from '../lib/domain/errors.js';
import { parseWith } from '../lib/domain/validation.js';
import { checkStrategyConfig } from '../lib/strategy/checkStrategyConfig.js';

/** Reads and validates a bot configuration file, its strategy's params included; errors name the file and the bad field. */
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
  const config = parseWith(BotConfigSchema, value, path);
  checkStrategyConfig(config.strategy, path);
  return config;
}
