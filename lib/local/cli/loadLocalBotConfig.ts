import { type BotConfig, BotConfigSchema } from '../../domain/botConfig.js';
import { InvalidInputError } from '../../domain/errors.js';
import { parseWith } from '../../domain/validation.js';
import { checkStrategyConfig } from '../../strategy/checkStrategyConfig.js';
import { withCheckpointOption } from '../../strategy/model/checkpointOption.js';
import { readJsonFile } from '../../runtime/readJsonFile.js';

export interface LocalConfigOverrides {
  /** The series the data files (or --public-data) provide: the bot's symbols unless the file lists its own. */
  readonly symbols: readonly { readonly symbol: string; readonly timeframe: string }[];
  readonly strategy?: string;
  /** --checkpoint: implies the model strategy. */
  readonly checkpoint?: string;
  readonly mode?: 'live' | 'paper' | 'shadow';
  readonly exchangeId?: string;
  /** The account's starting balances (the simulator's, or the paper venue's) unless the file sets paperBalances. */
  readonly balances: Readonly<Record<string, string>>;
}

/**
 * The local bot's configuration: a file in the deployed bot's format (config/bot.json,
 * BotConfigSchema), where everything is optional here, with the command line over it.
 * Without a file: bot `local` on Binance, trading every series given, live, from the
 * given balances, with the schema's defaults (the backtest's too). Errors name the file and the field.
 */
export async function loadLocalBotConfig(file: string | undefined, overrides: LocalConfigOverrides): Promise<BotConfig> {
  const raw = file === undefined ? {} : await readJsonObject(file);
  const fileStrategy = (raw['strategy'] ?? {}) as Record<string, unknown>;
  const merged = {
    botId: 'local',
    exchange: { id: overrides.exchangeId ?? 'binance' },
    symbols: overrides.symbols,
    paperBalances: overrides.balances,
    ...raw,
    ...(overrides.mode !== undefined ? { mode: overrides.mode } : raw['mode'] === undefined ? { mode: 'live' } : {}),
    // The file's parameters belong to the file's strategy: another one starts from its defaults.
    ...(overrides.strategy !== undefined
      ? { strategy: { ...(fileStrategy['name'] === overrides.strategy ? fileStrategy : {}), name: overrides.strategy, params: fileStrategy['name'] === overrides.strategy ? (fileStrategy['params'] ?? {}) : {} } }
      : {}),
    ...(overrides.exchangeId !== undefined ? { exchange: { id: overrides.exchangeId } } : {}),
  };
  const parsed = parseWith(BotConfigSchema, merged, file ?? 'config');
  const config = { ...parsed, strategy: withCheckpointOption(parsed.strategy, overrides) };
  checkStrategyConfig(config.strategy, file ?? 'config');
  return config;
}

async function readJsonObject(file: string): Promise<Record<string, unknown>> {
  const value = await readJsonFile(file);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InvalidInputError(file, 'must be a JSON object (a bot configuration)');
  return value as Record<string, unknown>;
}
