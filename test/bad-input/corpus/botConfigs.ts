import { readFileSync } from 'node:fs';

/** The bot configuration the repository deploys (config/bot.json): every case changes one thing in it. */
export const SOUND_BOT_CONFIG = JSON.parse(readFileSync('config/bot.json', 'utf8')) as Record<string, unknown>;

export const REMOVED = Symbol('removed');

export interface BotConfigCase {
  readonly name: string;
  /** Dotted path of what the case changes in the sound configuration; '' changes the whole document. */
  readonly path: string;
  readonly value: unknown;
  /** The field path the error must name. @default path */
  readonly field?: string;
  /** More text the error must hold. */
  readonly mentions?: string;
  /** The local runtime supplies this field when the file leaves it out: not an error there. */
  readonly localDefault?: boolean;
}

/** The sound configuration with the case's change applied (a deep copy; the sound one is left alone). */
export function applyCase({ path, value }: BotConfigCase): unknown {
  if (path === '') return value;
  const config = structuredClone(SOUND_BOT_CONFIG);
  const keys = path.split('.');
  const last = keys.pop() ?? '';
  let parent: Record<string, unknown> = config;
  for (const key of keys) parent = (parent[key] ??= {}) as Record<string, unknown>;
  if (value === REMOVED) delete parent[last];
  else parent[last] = value;
  return config;
}

const c = (name: string, path: string, value: unknown, more: Partial<BotConfigCase> = {}): BotConfigCase => ({ name, path, value, ...more });

export const BOT_CONFIG_CASES: readonly BotConfigCase[] = [
  c('not an object but an array', '', [], { field: '(root)' }),
  c('not an object but null', '', null, { field: '(root)' }),
  c('not an object but a string', '', 'trader', { field: '(root)' }),
  c('an unknown top-level key', 'apiKey', 'secret', { field: '(root)', mentions: '"apiKey"' }),

  c('a missing botId', 'botId', REMOVED, { localDefault: true }),
  c('an empty botId', 'botId', ''),
  c('a botId with capitals', 'botId', 'Trader'),
  c('a botId with a dash', 'botId', 'my-bot'),
  c('a botId over 10 characters', 'botId', 'a'.repeat(11)),
  c('a numeric botId', 'botId', 42),

  c('a missing exchange', 'exchange', REMOVED, { localDefault: true }),
  c('an exchange given as a string', 'exchange', 'binance'),
  c('a missing exchange id', 'exchange.id', REMOVED),
  c('an exchange id with capitals', 'exchange.id', 'Binance'),
  c('an empty exchange id', 'exchange.id', ''),
  c('an exchange id that is a host name', 'exchange.id', 'binance.com'),
  c('a numeric exchange id', 'exchange.id', 42),
  c('an exchange id ccxt has but the bot cannot load', 'exchange.id', 'poloniex', { mentions: '"poloniex" is not a supported ccxt exchange id (supported: binance, binanceus' }),
  c('an exchange id no venue has', 'exchange.id', 'binancee', { mentions: 'is not a supported ccxt exchange id' }),
  c('a sandbox flag as text', 'exchange.sandbox', 'yes'),
  c('zero retry attempts', 'exchange.retry', { maxAttempts: 0, baseDelayMs: 250, maxDelayMs: 10_000 }, { field: 'exchange.retry.maxAttempts' }),
  c('a retry delay cap below its base delay', 'exchange.retry', { maxAttempts: 4, baseDelayMs: 5_000, maxDelayMs: 1_000 }, { field: 'exchange.retry.maxDelayMs', mentions: 'at least baseDelayMs' }),
  c('an unknown retry setting', 'exchange.retry', { attempts: 3 }, { field: 'exchange.retry', mentions: '"attempts"' }),
  c('a pause window that ends before it starts', 'exchange.pause', { windows: [{ from: '2026-01-02T13:00:00Z', to: '2026-01-02T11:00:00Z' }] }, { field: 'exchange.pause.windows.0', mentions: 'to must be after from' }),
  c('a pause window without an offset', 'exchange.pause', { windows: [{ from: '2026-01-02T11:00:00', to: '2026-01-02T13:00:00Z' }] }, { field: 'exchange.pause.windows.0.from' }),
  c('a daily pause at 25:00', 'exchange.pause', { dailyUtc: { from: '25:00', to: '01:00' } }, { field: 'exchange.pause.dailyUtc.from', mentions: 'HH:MM' }),
  c('a stop fallback (a refused resting stop always falls back to the bot-managed stop)', 'exchange.stopFallback', 'flatten', { field: 'exchange', mentions: '"stopFallback"' }),
  c('an API key in the exchange settings', 'exchange.apiKey', 'secret', { field: 'exchange', mentions: '"apiKey"' }),

  c('a mode in capitals', 'mode', 'LIVE'),
  c('an unknown mode', 'mode', 'real'),
  c('a mode as a boolean', 'mode', true),

  c('missing symbols', 'symbols', REMOVED, { localDefault: true }),
  c('no symbols', 'symbols', [], { mentions: 'at least one symbol' }),
  c('symbols as an object', 'symbols', { symbol: 'LTC/BTC', timeframe: '5m' }),
  c('symbols as a string', 'symbols', 'LTC/BTC'),
  c('a duplicate symbol and timeframe', 'symbols', [{ symbol: 'LTC/BTC', timeframe: '5m' }, { symbol: 'LTC/BTC', timeframe: '5m' }], { field: 'symbols.1', mentions: 'duplicate entry LTC/BTC 5m' }),
  c('a null symbol entry', 'symbols', [null], { field: 'symbols.0' }),
  c('a symbol without a slash', 'symbols', [{ symbol: 'LTCBTC', timeframe: '5m' }], { field: 'symbols.0.symbol', mentions: 'BASE/QUOTE' }),
  c('a lowercase symbol', 'symbols', [{ symbol: 'ltc/btc', timeframe: '5m' }], { field: 'symbols.0.symbol' }),
  c('a symbol without a timeframe', 'symbols', [{ symbol: 'LTC/BTC' }], { field: 'symbols.0.timeframe' }),
  c('an unknown timeframe', 'symbols', [{ symbol: 'LTC/BTC', timeframe: '7m' }], { field: 'symbols.0.timeframe' }),
  c('a timeframe in minutes', 'symbols', [{ symbol: 'LTC/BTC', timeframe: 5 }], { field: 'symbols.0.timeframe' }),
  c('an unknown key in a symbol entry', 'symbols', [{ symbol: 'LTC/BTC', timeframe: '5m', exchange: 'binance' }], { field: 'symbols.0', mentions: '"exchange"' }),

  c('a negative risk per trade', 'risk.riskPerTradePct', -0.01),
  c('a risk per trade over 1', 'risk.riskPerTradePct', 1.5),
  c('a risk per trade as text', 'risk.riskPerTradePct', '0.01'),
  c('a null risk per trade', 'risk.riskPerTradePct', null),
  c('no open plans allowed', 'risk.maxOpenPlans', 0),
  c('a fractional open-plan limit', 'risk.maxOpenPlans', 1.5),
  c('a huge open-plan limit', 'risk.maxOpenPlans', 1e308),
  c('a symbol exposure over 1', 'risk.maxSymbolExposurePct', 1.01),
  c('a negative total exposure', 'risk.maxTotalExposurePct', -0.1),
  c('an order-value buffer over 1', 'risk.minOrderValueBufferPct', 2),
  c('a negative minimum order value', 'risk.minOrderValue', '-1'),
  c('a minimum order value in exponent form', 'risk.minOrderValue', '1e-8'),
  c('a minimum order value as a number', 'risk.minOrderValue', 0.0001),
  c('an empty maximum order value', 'risk.maxOrderValue', ''),
  c('a negative reward to risk', 'risk.minRewardToRisk', -1),
  c('a daily loss limit over 1', 'risk.dailyLossLimitPct', 1.5),
  c('a negative cooldown', 'risk.cooldownAfterStopMs', -1),
  c('an unknown risk key', 'risk.maxLeverage', 10, { field: 'risk', mentions: '"maxLeverage"' }),
  c('risk as an array', 'risk', []),

  c('an entry slippage over 1', 'execution.maxEntrySlippagePct', 2),
  c('a negative paper slippage', 'execution.paperSlippagePct', -0.1),
  c('an unknown execution key', 'execution.retries', 3, { field: 'execution', mentions: '"retries"' }),

  c('an empty strategy name', 'strategy.name', ''),
  c('a numeric strategy name', 'strategy.name', 42),
  c('strategy params as text', 'strategy.params', 'fast=12'),
  c('an unknown strategy key', 'strategy.period', 12, { field: 'strategy', mentions: '"period"' }),

  c('a market without its precision', 'markets', [{ symbol: 'LTC/BTC' }], { field: 'markets.0.base' }),
  c('a market with a negative amount step', 'markets', [{ symbol: 'LTC/BTC', base: 'LTC', quote: 'BTC', amountStep: '-0.001', priceStep: '0.00000001', minAmount: '0.01', minCost: '0.0001', takerFeeRate: '0.001', makerFeeRate: '0.001' }], { field: 'markets.0.amountStep' }),
  c('a market with an amount step of zero', 'markets', [{ symbol: 'LTC/BTC', base: 'LTC', quote: 'BTC', amountStep: '0', priceStep: '0.00000001', minAmount: '0.01', minCost: '0.0001', takerFeeRate: '0.001', makerFeeRate: '0.001' }], { field: 'markets.0.amountStep', mentions: 'greater than zero' }),
  c('a market with a numeric tick', 'markets', [{ symbol: 'LTC/BTC', base: 'LTC', quote: 'BTC', amountStep: '0.001', priceStep: 0.00000001, minAmount: '0.01', minCost: '0.0001', takerFeeRate: '0.001', makerFeeRate: '0.001' }], { field: 'markets.0.priceStep' }),

  c('a zero capture period', 'schedules.captureMinutes', 0),
  c('a capture period over a day', 'schedules.captureMinutes', 1441),
  c('a fractional heartbeat period', 'schedules.heartbeatMinutes', 2.5),
  c('a maintenance period as text', 'schedules.maintenanceMinutes', '60'),
  c('a zero telemetry retention', 'retentionDays.telemetry', 0),
  c('a market retention over ten years', 'retentionDays.market', 3651),

  c('a zero decide batch', 'decide.batchSize', 0),
  c('a decide batch over the FIFO limit of 10', 'decide.batchSize', 11),
  c('a concurrency under the event source minimum', 'decide.maxConcurrency', 1),
  c('a decide timeout over the Lambda maximum', 'decide.timeoutSeconds', 901),
  c('a decide timeout under 3 seconds', 'decide.timeoutSeconds', 2),

  c('an unknown way to treat unknown orders', 'reconciliation.unknownOrders', 'ignore'),
  c('an unknown way to treat unprotected positions', 'reconciliation.unprotectedPositions', 'hold'),
  c('a balance tolerance over 1', 'reconciliation.balanceTolerance', '2'),
  c('a balance tolerance in percent', 'reconciliation.balanceTolerance', '0.5%'),
  c('a balance tolerance as a number', 'reconciliation.balanceTolerance', 0.001),

  c('a window of one candle', 'windowSize', 1),
  c('a window over 10000 candles', 'windowSize', 10_001),
  c('a window as text', 'windowSize', '300'),
  c('an alarm email without a domain', 'alarmEmail', 'ops@'),
  c('a numeric alarm email', 'alarmEmail', 42),
  c('a paper balance as a number', 'paperBalances.BTC', 1),
  c('a negative paper balance', 'paperBalances.BTC', '-1'),
  c('a paper balance in exponent form', 'paperBalances.BTC', '1e3'),
  c('a paper balance that is not a number', 'paperBalances.BTC', 'plenty'),
];
