import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../../lib/domain/decimal.js';
import type { KillSwitchState } from '../../../../lib/domain/killSwitch.js';
import type { Market } from '../../../../lib/domain/market.js';
import { assessProposal } from '../../../../lib/services/risk/assessProposal.js';
import { ETH_BTC, NOW, context, livePlan, proposal, riskConfig } from './riskFixtures.js';

const COOLDOWN_MS = 60 * 60_000;

describe('Function: assessProposal', () => {
  it('approves a long with its rounded levels, amount and value', () => {
    expect(assessProposal(proposal(), context())).toEqual({
      approved: true,
      entry: '0.1',
      stop: '0.098',
      target: '0.104',
      amount: '5',
      value: '0.5',
    });
  });

  it.each<KillSwitchState>(['PAUSE_ENTRIES', 'HALT', 'FLATTEN'])('rejects an entry while the kill switch is %s', (state) => {
    const verdict = assessProposal(proposal(), context({ killSwitch: state }));

    expect(verdict).toEqual({ approved: false, rejection: { code: 'kill_switch', state } });
  });

  it('rejects a short on a spot market', () => {
    const verdict = assessProposal(proposal({ side: 'short', stop: 0.102, target: 0.096 }), context());

    expect(verdict).toEqual({ approved: false, rejection: { code: 'short_unsupported' } });
  });

  it.each([
    ['a NaN entry', { entry: NaN }, 'entry NaN is not a positive finite price'],
    ['an infinite target', { target: Infinity }, 'target Infinity is not a positive finite price'],
    ['a negative stop', { stop: -0.098 }, 'stop -0.098 is not a positive finite price'],
    ['a stop above the entry', { stop: 0.101 }, 'expected stop < entry < target, got 0.101 / 0.1 / 0.104'],
    ['a target below the entry', { target: 0.099 }, 'expected stop < entry < target, got 0.098 / 0.1 / 0.099'],
    ['a trailing stop of 100 %', { trailingStopPct: 1 }, 'trailingStopPct 1 is not a fraction between 0 and 1'],
    ['a negative max age', { maxAgeMs: -1 }, 'maxAgeMs -1 is not a positive duration'],
  ])('rejects %s as invalid levels', (_name, overrides, detail) => {
    const verdict = assessProposal(proposal(overrides), context());

    expect(verdict).toEqual({ approved: false, rejection: { code: 'invalid_levels', detail } });
  });

  it('rejects levels that rounding to the tick collapses', () => {
    const coarse: Market = { ...ETH_BTC, priceStep: '0.01' };

    const verdict = assessProposal(proposal({ target: 0.104 }), context({ market: coarse }));

    expect(verdict).toEqual({
      approved: false,
      rejection: {
        code: 'invalid_levels',
        detail: 'after rounding to tick 0.01, expected 0 < stop < entry < target, got 0.09 / 0.1 / 0.1',
      },
    });
  });

  it('rounds the entry to the nearest tick and the stop and target down', () => {
    const ada: Market = { ...ETH_BTC, symbol: 'ADA/BTC', base: 'ADA', priceStep: '0.00000001', amountStep: '1', minAmount: '1' };

    const verdict = assessProposal(
      proposal({ symbol: 'ADA/BTC', entry: 0.000051234, stop: 0.000050009, target: 0.000053999 }),
      context({ market: ada }),
    );

    expect(verdict).toMatchObject({ approved: true, entry: '0.00005123', stop: '0.00005', target: '0.00005399' });
  });

  it('rejects stacking a second long on a symbol with a live long', () => {
    const verdict = assessProposal(proposal(), context({ livePlans: [livePlan({ id: 'bot-eth1' })] }));

    expect(verdict).toEqual({ approved: false, rejection: { code: 'stacking', existingPlanId: 'bot-eth1' } });
  });

  it('ignores plans that are no longer live', () => {
    const closed = livePlan({ status: 'closed' });

    expect(assessProposal(proposal(), context({ livePlans: [closed] })).approved).toBe(true);
  });

  it('rejects an entry when the maximum of open plans is reached', () => {
    const others = ['SOL/BTC', 'ADA/BTC', 'XRP/BTC'].map((symbol, i) => livePlan({ id: `bot-${i}`, symbol }));

    const verdict = assessProposal(proposal(), context({ livePlans: others, config: riskConfig({ maxOpenPlans: 3 }) }));

    expect(verdict).toEqual({ approved: false, rejection: { code: 'max_open_plans', open: 3, limit: 3 } });
  });

  it('rejects an entry during the cooldown after a stop-out on the symbol', () => {
    const stoppedAt = NOW - 30 * 60_000;

    const verdict = assessProposal(proposal(), context({ lastStopOutAt: new Map([['ETH/BTC', stoppedAt]]) }));

    expect(verdict).toEqual({ approved: false, rejection: { code: 'cooldown', until: stoppedAt + COOLDOWN_MS } });
  });

  it('accepts an entry once the cooldown has run out', () => {
    const lastStopOutAt = new Map([['ETH/BTC', NOW - COOLDOWN_MS]]);

    expect(assessProposal(proposal(), context({ lastStopOutAt })).approved).toBe(true);
  });

  it('rejects an entry when the daily loss limit is hit', () => {
    const daily = { day: '2024-03-01', startEquity: '1', limitHit: true };

    const verdict = assessProposal(proposal(), context({ daily, equity: new Decimal('0.99') }));

    expect(verdict).toEqual({ approved: false, rejection: { code: 'daily_loss_limit', lossToday: '0.01', limit: '0.03' } });
  });

  it('rejects an entry when the loss today already reaches the limit', () => {
    const verdict = assessProposal(proposal(), context({ equity: new Decimal('0.97') }));

    expect(verdict).toEqual({ approved: false, rejection: { code: 'daily_loss_limit', lossToday: '0.03', limit: '0.03' } });
  });

  it("accepts an entry on a new UTC day despite yesterday's latch", () => {
    const daily = { day: '2024-02-29', startEquity: '1', limitHit: true };

    expect(assessProposal(proposal(), context({ daily, equity: new Decimal('0.9') })).approved).toBe(true);
  });

  it('rejects a reward to risk below the minimum, with the ratio to 6 places', () => {
    const verdict = assessProposal(proposal({ target: 0.1029 }), context());

    expect(verdict).toEqual({ approved: false, rejection: { code: 'reward_to_risk', ratio: '1.450000', minimum: '1.5' } });
  });

  it('truncates a ratio just under the minimum rather than show it as equal', () => {
    const fine: Market = { ...ETH_BTC, priceStep: '0.0000000001' };

    const verdict = assessProposal(proposal({ target: 0.1029999999 }), context({ market: fine }));

    expect(verdict).toEqual({ approved: false, rejection: { code: 'reward_to_risk', ratio: '1.499999', minimum: '1.5' } });
  });

  it('accepts a reward to risk exactly at the minimum', () => {
    expect(assessProposal(proposal({ target: 0.103 }), context()).approved).toBe(true);
  });

  it('rejects a proposal for another symbol than the decided one, naming both', () => {
    const verdict = assessProposal(proposal({ symbol: 'SOL/BTC' }), context());

    expect(verdict).toEqual({ approved: false, rejection: { code: 'other_symbol', symbol: 'SOL/BTC', decidedSymbol: 'ETH/BTC' } });
  });

  it('rejects a proposal without a symbol as one for another symbol', () => {
    const withoutSymbol = { ...proposal(), symbol: undefined as unknown as string };

    const verdict = assessProposal(withoutSymbol, context());

    expect(verdict).toEqual({ approved: false, rejection: { code: 'other_symbol', symbol: 'undefined', decidedSymbol: 'ETH/BTC' } });
  });
});
