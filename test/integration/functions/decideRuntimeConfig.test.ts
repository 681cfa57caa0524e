import { describe, expect, it } from 'vitest';
import type { BotConfigInput } from '../../../lib/domain/botConfig.js';
import { RiskConfigSchema } from '../../../lib/domain/config.js';
import { dec } from '../../../lib/domain/decimal.js';
import { floorToStep } from '../../../lib/domain/precision.js';
import type { Plan } from '../../../lib/domain/plan.js';
import { useDynamoDbLocal } from '../../support/dynamoDbLocalTables.js';
import { everyCandleLtcConfig } from '../../support/everyCandleLtcConfig.js';
import { LTC_MARKET } from '../local/exchange-sim/simFixture.js';
import { decideBots } from './decideBot.js';

const dynamo = useDynamoDbLocal();
const aBot = decideBots(dynamo);

const PARAMETER = '/rcbot/runtime-config';
const STRATEGY = './test/fixtures/strategies/everyCandleLong.ts';
/** Deployed so that it never trades here: the strategy wants 50 candles and the store holds 10. */
const DEPLOYED: BotConfigInput = { ...everyCandleLtcConfig('rcbot'), strategy: { name: STRATEGY, params: { warmupCandles: 50 } } };

/** The runtime-config document: every risk limit stated, one plan at a time, the strategy ready from the first candle. */
function runtimeConfig(risk: Record<string, unknown> = {}, params: Record<string, unknown> = { warmupCandles: 1 }): Record<string, unknown> {
  return { risk: { ...RiskConfigSchema.parse({ maxOpenPlans: 1 }), ...risk }, strategy: { name: STRATEGY, params } };
}

/** What a plan risking `riskPerTradePct` of the 1 BTC equity at its stop buys, floored to the lot step. */
const amountRisking = (riskPerTradePct: number, plan: Plan): string =>
  floorToStep(dec(riskPerTradePct).div(dec(plan.entry).minus(plan.stop)), LTC_MARKET.amountStep).toFixed();

describe('Function: decide, with the runtime configuration changed in SSM', () => {
  it('sizes the very next entry by a changed riskPerTradePct', async () => {
    // Prepare: a warm decider built on riskPerTradePct 0.001 (HALT, so nothing trades)
    const bot = await aBot(DEPLOYED);
    bot.setRuntimeConfig(JSON.stringify(runtimeConfig({ riskPerTradePct: 0.001 })));
    bot.setKillSwitch('HALT');
    await bot.deliver(10);
    expect(bot.sim.orders()).toEqual([]);

    // Act
    bot.setRuntimeConfig(JSON.stringify(runtimeConfig({ riskPerTradePct: 0.002 })));
    bot.setKillSwitch('RUN');
    expect(await bot.deliver(11)).toEqual({ batchItemFailures: [] });

    // Assess
    const { livePlans } = await bot.ledger.load();
    expect(livePlans).toHaveLength(1);
    const plan = livePlans[0]!;
    expect(plan.amount).toBe(amountRisking(0.002, plan));
    expect(plan.amount).not.toBe(amountRisking(0.001, plan));
    // The entry filled at once, so its protective stop rests on the venue for what it holds (less the fee in LTC, to the amount step).
    expect(bot.sim.orders()).toMatchObject([
      { side: 'BUY', origQty: plan.amount },
      { side: 'SELL', type: 'STOP_LOSS_LIMIT', origQty: plan.restingStop?.amount },
    ]);
    const changes = bot.logLines.filter((l) => l.msg === 'runtime configuration changed: new decider');
    expect(changes).toMatchObject([{ risk: { riskPerTradePct: 0.002 } }]);
  });

  it('lets the strategy propose on the very next candle once a changed parameter allows it', async () => {
    // Prepare: the deployed warm-up of 50 candles, more than the store holds
    const bot = await aBot(DEPLOYED);
    await bot.deliver(10);
    expect((await bot.ledger.load()).livePlans).toEqual([]);

    // Act
    bot.setRuntimeConfig(JSON.stringify(runtimeConfig({}, { warmupCandles: 1 })));
    await bot.deliver(11);

    // Assess
    const { livePlans } = await bot.ledger.load();
    expect(livePlans).toMatchObject([{ symbol: 'LTC/BTC', status: 'open', reason: 'every candle' }]);
    expect(bot.sim.orders().map((o) => o.type)).toEqual(['MARKET', 'STOP_LOSS_LIMIT']);
  });

  const good = runtimeConfig({ riskPerTradePct: 0.002 });
  it.each<[string, string, unknown]>([
    ['text that is not JSON', '{"risk": ', expect.stringMatching(/^\/rcbot\/runtime-config: not valid JSON \(.+\)$/)],
    ['a negative fraction', JSON.stringify(runtimeConfig({ riskPerTradePct: -0.01 })), `${PARAMETER}: risk.riskPerTradePct: Too small: expected number to be >=0`],
    ['an unknown key', JSON.stringify({ ...good, risk: { ...(good.risk as object), maxLeverage: 3 } }), `${PARAMETER}: risk: Unrecognized key: "maxLeverage"`],
    // The schema takes any params: only loading the strategy finds these wrong.
    ['parameters the strategy refuses', JSON.stringify({ ...good, strategy: { name: 'ema-crossover', params: { fast: 9, slow: 21 } } }), 'strategy.params: (root): Unrecognized keys: "fast", "slow"'],
    ['a strategy that does not exist', JSON.stringify({ ...good, strategy: { name: 'no-such-strategy', params: {} } }), 'unknown strategy "no-such-strategy" (known: ema-crossover, rsi-mean-reversion, model, llm)'],
  ])('keeps the last good configuration for the next decision when SSM holds %s, and logs the bad field', async (_, bad, reason) => {
    // Prepare: a warm decider on the good configuration (HALT, so nothing trades)
    const bot = await aBot(DEPLOYED);
    bot.setRuntimeConfig(JSON.stringify(good));
    bot.setKillSwitch('HALT');
    await bot.deliver(10);

    // Act
    bot.setRuntimeConfig(bad);
    bot.setKillSwitch('RUN');
    expect(await bot.deliver(11)).toEqual({ batchItemFailures: [] });

    // Assess: the deployed configuration would propose nothing; the last good one sizes by 0.002
    const { livePlans } = await bot.ledger.load();
    expect(livePlans).toHaveLength(1);
    expect(livePlans[0]!.amount).toBe(amountRisking(0.002, livePlans[0]!));
    expect(bot.logLines.filter((l) => l.msg === 'runtime config rejected: using the last good config')).toMatchObject([
      { level: 'error', parameterName: PARAMETER, reason, using: 'last good' },
    ]);
    expect(bot.logLines.some((l) => l.msg === 'runtime configuration changed: new decider')).toBe(false);
  });
});
