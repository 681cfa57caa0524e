import { describe, expect, it } from 'vitest';
import { stopRetry } from '../../../lib/domain/botManagedStop.js';
import { BacktestConfigSchema } from '../../../lib/domain/config.js';
import { FillSchema, OrderIntentSchema, PlanSchema } from '../../../lib/domain/ledgerSchemas.js';
import { parseWith } from '../../../lib/domain/validation.js';
import { runBacktest } from '../../../lib/runtime/backtest/runBacktest.js';
import { aPlan } from '../../support/planFixture.js';

describe('Ledger schemas', () => {
  it('accept every plan, intent and fill a real backtest produces, after a JSON round trip', async () => {
    const { engine } = await runBacktest({ dataFiles: ['data/sample/LTC_BTC-5m.json'], config: BacktestConfigSchema.parse({}) });
    const fills = await engine.exchange.fetchFills('LTC/BTC', 0);
    expect(engine.ledger.closedPlans.length).toBeGreaterThan(0);
    for (const plan of engine.ledger.closedPlans) expect(PlanSchema.parse(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
    for (const intent of engine.ledger.intents()) expect(OrderIntentSchema.parse(JSON.parse(JSON.stringify(intent)))).toEqual(intent);
    for (const fill of fills) expect(FillSchema.parse(JSON.parse(JSON.stringify(fill)))).toEqual(fill);
  });

  it('names the field of a fill whose price is NaN', () => {
    const fill = { id: '1', clientOrderId: 'c', exchangeOrderId: '1', symbol: 'ETH/BTC', side: 'buy', price: 'NaN', amount: '1', cost: '1', fee: { cost: '0', currency: 'BTC' }, timestamp: 0 };
    expect(() => parseWith(FillSchema, fill, 'fill')).toThrow('fill: price: must be a plain decimal string');
  });

  it('names a negative intent amount and an overlong client order id', () => {
    const intent = { clientOrderId: 'x'.repeat(37), botId: 'bt', planId: 'p', leg: 'entry', attempt: 0, symbol: 'ETH/BTC', side: 'buy', type: 'market', amount: '-1', createdAt: 0 };
    expect(() => parseWith(OrderIntentSchema, intent, 'intent')).toThrow('intent: clientOrderId: must be 1-36 characters');
    expect(() => parseWith(OrderIntentSchema, { ...intent, clientOrderId: 'ok' }, 'intent')).toThrow('intent: amount: must be greater than zero');
  });

  it("reads a plan stored before bot-managed causes were kept, with `botManagedStop` alone, and acts on the venue's limit it names", () => {
    const stored = JSON.parse(JSON.stringify(aPlan({ exitAttempt: 0, botManagedStop: "5 stops already rest on ETH/BTC, the venue's limit" }))) as Record<string, unknown>;
    expect(stored).not.toHaveProperty('botManagedCause');

    const plan = parseWith(PlanSchema, stored, 'plan');

    expect(plan.botManagedStop).toBe("5 stops already rest on ETH/BTC, the venue's limit");
    expect(plan.botManagedCause).toBeUndefined();
    expect(stopRetry(plan)).toBe('when_slot_free');
    expect(stopRetry(parseWith(PlanSchema, { ...stored, botManagedStop: 'the venue refused the stop: Too many new orders (MAX_NUM_ALGO_ORDERS)' }, 'plan'))).toBe('never');
  });

  it('keeps a bot-managed cause through a JSON round trip, and names a cause of a kind it does not know', () => {
    const plan = aPlan({ exitAttempt: 1, botManagedStop: 'the venue refused the stop: Too many new orders (MAX_NUM_ALGO_ORDERS)', botManagedCause: { kind: 'refused', stopPrice: '0.095' } });
    expect(PlanSchema.parse(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
    expect(() => parseWith(PlanSchema, { ...plan, botManagedCause: { kind: 'maybe' } }, 'plan')).toThrow('plan: botManagedCause');
    expect(() => parseWith(PlanSchema, { ...plan, botManagedCause: { kind: 'stop_limit', resting: 5 } }, 'plan')).toThrow('plan: botManagedCause.limit');
  });
});
