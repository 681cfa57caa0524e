import type { BotConfig } from '../lib/domain/botConfig.js';

/** Lambda allows 4 KB of environment in all; the rest of the variables need the remainder. */
export const BOT_CONFIG_MAX_BYTES = 3000;

/** The bot configuration as the `BOT_CONFIG` variable's value; too large a configuration fails the synth. */
export function botConfigVariable(config: BotConfig): string {
  const json = JSON.stringify(config);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > BOT_CONFIG_MAX_BYTES) {
    throw new Error(
      `bot configuration is ${bytes} bytes as JSON; the BOT_CONFIG environment variable holds at most ${BOT_CONFIG_MAX_BYTES} ` +
        '(Lambda allows 4 KB of environment in all): shorten strategy params or markets',
    );
  }
  return json;
}
