import { describe, expect, it } from 'vitest';
import { RiskConfigSchema } from '../../lib/domain/config.js';
import { Decimal } from '../../lib/domain/decimal.js';
import { MarketSchema } from '../../lib/domain/market.js';
import type { PlanProposal } from '../../lib/domain/plan.js';
import { parseWith } from '../../lib/domain/validation.js';
import { assessProposal } from '../../lib/services/risk/assessProposal.js';
import type { RiskContext } from '../../lib/services/risk/RiskContext.js';
import { LTC_MARKET, candle } from '../integration/local/exchange-sim/simFixture.js';
import { MARKET_PRECISION_CASES, MARKET_SCHEMA_CASES } from './corpus/marketPrecision.js';
import { DECIDED_INDEX } from './support/seedLedger.js';

const close = candle(DECIDED_INDEX).close;
/** What every-candle-long proposes on the decided candle. */
const SOUND_PROPOSAL: PlanProposal = { symbol: 'LTC/BTC', side: 'long', entry: close, stop: close * 0.99, target: close * 1.02, reason: 'sound' };

function riskContext(market: RiskContext['market']): RiskContext {
  return {
    now: Date.UTC(2018, 0, 10, 6),
    killSwitch: 'RUN',
    // A budget well inside the exposure caps, so the risk budget is what sizes the order.
    config: RiskConfigSchema.parse({ riskPerTradePct: 0.001 }),
    market,
    equity: new Decimal('1'),
    quoteFree: new Decimal('1'),
    livePlans: [],
    exposureBySymbol: new Map(),
    daily: { day: '2018-01-10', startEquity: '1', limitHit: false },
    lastStopOutAt: new Map(),
  };
}

describe('Bad input: market precision and limits that leave no sendable amount', () => {
  it('control: the sound market approves the sound proposal', () => {
    expect(assessProposal(SOUND_PROPOSAL, riskContext(LTC_MARKET))).toMatchObject({ approved: true });
  });

  it.each(MARKET_PRECISION_CASES)('risk refuses the proposal on $name ($code)', ({ market, code, mentions }) => {
    const verdict = assessProposal(SOUND_PROPOSAL, riskContext({ ...LTC_MARKET, ...market }));

    expect(verdict.approved).toBe(false);
    const rejection = verdict.approved ? undefined : verdict.rejection;
    expect(rejection?.code).toBe(code);
    expect(JSON.stringify(rejection)).toContain(mentions);
  });

  it.each(MARKET_SCHEMA_CASES)('MarketSchema refuses $name, naming $field', ({ market, field }) => {
    expect(() => parseWith(MarketSchema, { ...LTC_MARKET, ...market }, 'market LTC/BTC')).toThrow(new RegExp(`^market LTC/BTC: ${field}: `));
  });
});
