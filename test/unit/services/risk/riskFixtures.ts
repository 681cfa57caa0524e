import { RiskConfigSchema, type RiskConfig } from '../../../../lib/domain/config.js';
import { Decimal } from '../../../../lib/domain/decimal.js';
import type { Market } from '../../../../lib/domain/market.js';
import type { Plan, PlanProposal } from '../../../../lib/domain/plan.js';
import type { RiskContext } from '../../../../lib/services/risk/RiskContext.js';
import { aMarket } from '../../../support/marketFixture.js';

export const NOW = Date.UTC(2024, 2, 1, 12, 0, 0);

export const ETH_BTC: Market = aMarket();

/** Caps wide open, so the risk budget alone sizes the entry unless a test narrows them. */
export function riskConfig(overrides: Partial<RiskConfig> = {}): RiskConfig {
  return RiskConfigSchema.parse({ maxSymbolExposurePct: 1, maxTotalExposurePct: 1, ...overrides });
}

/** Risk 0.002 per unit against a budget of 0.01: 5 ETH, reward to risk 2. */
export function proposal(overrides: Partial<PlanProposal> = {}): PlanProposal {
  return { symbol: 'ETH/BTC', side: 'long', entry: 0.1, stop: 0.098, target: 0.104, reason: 'test', ...overrides };
}

export function context(overrides: Partial<RiskContext> = {}): RiskContext {
  return {
    now: NOW,
    killSwitch: 'RUN',
    config: riskConfig(),
    market: ETH_BTC,
    equity: new Decimal('1'),
    quoteFree: new Decimal('1'),
    livePlans: [],
    exposureBySymbol: new Map(),
    daily: { day: '2024-03-01', startEquity: '1', limitHit: false },
    lastStopOutAt: new Map(),
    ...overrides,
  };
}

export function livePlan(overrides: Partial<Plan> = {}): Plan {
  return {
    id: 'bot-plan1',
    botId: 'bot',
    symbol: 'ETH/BTC',
    timeframe: '1h',
    strategy: 'test',
    side: 'long',
    status: 'open',
    reason: 'test',
    candleOpenTime: NOW - 3_600_000,
    createdAt: NOW - 3_600_000,
    updatedAt: NOW - 3_600_000,
    version: 1,
    entry: '0.1',
    stop: '0.098',
    target: '0.104',
    entryAttempt: 0,
    exitAttempt: 0,
    ...overrides,
  };
}
