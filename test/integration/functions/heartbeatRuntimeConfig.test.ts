import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { RiskConfigSchema } from '../../../lib/domain/config.js';
import { createHeartbeatDeps } from '../../../lib/runtime/lambda/heartbeat/HeartbeatDeps.js';
import { useDynamoDbLocal } from '../../support/dynamoDbLocalTables.js';
import { KILL_SWITCH_PARAMETER, RUNTIME_CONFIG_PARAMETER, aRuntime, liveBotConfig, ssmMock } from './botFunctionHarness.js';

const dynamo = useDynamoDbLocal();

/** The runtime configuration after a retrain: the live model from the bundle, the challenger in the checkpoint bucket. */
const RETRAINED = {
  risk: RiskConfigSchema.parse({ dailyLossLimitPct: 0.012, maxOpenPlans: 2 }),
  strategy: { name: 'model', params: { minPWin: 0.6 } },
  shadow: [{ id: 'challenger', strategy: 'model', params: {}, checkpoint: 's3://ckpt-bucket/challengers/2018-01-20T00-00-00Z/model.onnx' }],
};

function holdRuntimeConfig(value: string): void {
  ssmMock.reset();
  ssmMock.on(GetParameterCommand, { Name: KILL_SWITCH_PARAMETER }).resolves({ Parameter: { Value: 'RUN' } });
  ssmMock.on(GetParameterCommand, { Name: RUNTIME_CONFIG_PARAMETER }).resolves({ Parameter: { Value: value } });
}

describe('Function: heartbeat, reading the runtime configuration of a model bot', () => {
  it('takes its risk limits from a config naming a model and an s3:// challenger, which it can neither run nor fetch', async () => {
    holdRuntimeConfig(JSON.stringify(RETRAINED));
    const config = liveBotConfig();
    const runtime = aRuntime(await dynamo.freshTables(), config, { dynamo: dynamo.client });

    expect(await createHeartbeatDeps(runtime).risk()).toEqual(RETRAINED.risk);
    // Where strategies run, the challenger must load: without a checkpoint bucket it is refused, and the deployed limits stay.
    expect((await runtime.runtimeConfig.read()).risk).toEqual(config.risk);
    expect(config.risk).not.toEqual(RETRAINED.risk);
  });

  it.each([
    ['a model param out of range', { ...RETRAINED, strategy: { name: 'model', params: { minPWin: 1.5 } } }],
    ['a challenger with an unknown param', { ...RETRAINED, shadow: [{ ...RETRAINED.shadow[0], params: { bogus: 1 } }] }],
    ['a built-in strategy with a bad param', { ...RETRAINED, strategy: { name: 'ema-crossover', params: { fastPeriod: 30, slowPeriod: 20 } } }],
  ])('still refuses %s: the deployed limits stay', async (_what, document) => {
    holdRuntimeConfig(JSON.stringify(document));
    const config = liveBotConfig();
    const runtime = aRuntime(await dynamo.freshTables(), config, { dynamo: dynamo.client });

    expect(await createHeartbeatDeps(runtime).risk()).toEqual(config.risk);
  });
});
