import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { type BotConfigInput, BotConfigSchema } from '../../lib/domain/botConfig.js';
import { FUNCTION_NAMES } from '../../cdk/constructs/TraderFunctions.js';
import { type FunctionEntries, RECONCILE_FUNCTION_NAMES } from '../../cdk/functionEntries.js';
import { TraderStack, type TraderStackProps } from '../../cdk/stack.js';

const FIXTURE_HANDLER = fileURLToPath(new URL('./fixtures/handler.ts', import.meta.url));

export const TEST_CONFIG: BotConfigInput = {
  botId: 'testbot',
  exchange: { id: 'binance' },
  symbols: [
    { symbol: 'LTC/BTC', timeframe: '5m' },
    { symbol: 'ETH/BTC', timeframe: '1m' },
  ],
  alarmEmail: 'ops@example.com',
};

/** Every function's entry: the fixture handler, or the given one for the functions named. */
export function fixtureEntries(overrides: Partial<Record<keyof FunctionEntries, string>> = {}): FunctionEntries {
  const names = [...FUNCTION_NAMES, ...RECONCILE_FUNCTION_NAMES];
  return { ...(Object.fromEntries(names.map((name) => [name, FIXTURE_HANDLER])) as Record<keyof FunctionEntries, string>), ...overrides };
}

/** Builds the stack with every function bundled from a tiny fixture handler. */
export function synthTraderStack(overrides: Partial<TraderStackProps> = {}): TraderStack {
  const app = new App();
  const stack = new TraderStack(app, 'TestTrader', {
    config: BotConfigSchema.parse(TEST_CONFIG),
    entries: fixtureEntries(),
    env: { account: '123456789012', region: 'eu-west-1' },
    ...overrides,
  });
  return stack;
}
