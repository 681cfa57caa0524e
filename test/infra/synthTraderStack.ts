import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { type BotConfigInput, BotConfigSchema } from '../../lib/domain/botConfig.js';
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

/** Builds the stack with every function bundled from a tiny fixture handler. */
export function synthTraderStack(overrides: Partial<TraderStackProps> = {}): TraderStack {
  const app = new App();
  const stack = new TraderStack(app, 'TestTrader', {
    config: BotConfigSchema.parse(TEST_CONFIG),
    entries: { capture: FIXTURE_HANDLER, decide: FIXTURE_HANDLER, heartbeat: FIXTURE_HANDLER, maintenance: FIXTURE_HANDLER },
    env: { account: '123456789012', region: 'eu-west-1' },
    ...overrides,
  });
  return stack;
}
