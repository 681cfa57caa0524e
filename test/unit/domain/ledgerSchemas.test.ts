import { describe, expect, it } from 'vitest';
import { BacktestConfigSchema } from '../../../lib/domain/config.js';
import { FillSchema, OrderIntentSchema, PlanSchema } from '../../../lib/domain/ledgerSchemas.js';
import { parseWith } from '../../../lib/domain/validation.js';
import { runBacktest } from '../../../lib/runtime/backtest/runBacktest.js';

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
});
