import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../../lib/adapters/memory/ManualClock.js';
import { SsmRuntimeConfig } from '../../../../lib/adapters/ssm/SsmRuntimeConfig.js';
import { RiskConfigSchema } from '../../../../lib/domain/config.js';
import { InvalidInputError } from '../../../../lib/domain/errors.js';
import { RuntimeConfigSchema, type RuntimeConfig } from '../../../../lib/domain/runtimeConfig.js';

const parameterName = '/trader/prod/runtime-config';
const ssmMock = mockClient(SSMClient);

const deployed: RuntimeConfig = {
  risk: RiskConfigSchema.parse({ maxOpenPlans: 2 }),
  strategy: { name: 'ema-crossover', params: { fast: 9, slow: 21 } },
};

const tightened: RuntimeConfig = {
  risk: {
    riskPerTradePct: 0.005,
    maxOpenPlans: 1,
    maxSymbolExposurePct: 0.2,
    maxTotalExposurePct: 0.5,
    minOrderValueBufferPct: 0.1,
    maxOrderValue: '0.5',
    minRewardToRisk: 2,
    dailyLossLimitPct: 0.01,
    cooldownAfterStopMs: 7_200_000,
  },
  strategy: { name: 'ema-crossover', params: { fast: 12, slow: 26 } },
};

const holding = (value: string) => ({ Parameter: { Name: parameterName, Type: 'String' as const, Value: value, Version: 1 } });

function setup(check?: (config: RuntimeConfig) => Promise<void>) {
  const clock = new ManualClock(1_000_000);
  const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const config = new SsmRuntimeConfig({
    client: new SSMClient({ region: 'eu-west-1' }),
    parameterName,
    schema: RuntimeConfigSchema,
    ...(check ? { check } : {}),
    fallback: deployed,
    clock,
    logger,
  });
  return { config, clock, logger };
}

const readCount = () => ssmMock.commandCalls(GetParameterCommand).length;

describe('Class: SsmRuntimeConfig', () => {
  beforeEach(() => {
    ssmMock.reset();
  });

  describe('Method: read', () => {
    it('reads and validates the JSON document in the parameter', async () => {
      ssmMock.on(GetParameterCommand).resolves(holding(JSON.stringify(tightened)));
      const { config, logger } = setup();

      expect(await config.read()).toEqual(tightened);
      expect(ssmMock.commandCalls(GetParameterCommand).map((call) => call.args[0].input)).toEqual([{ Name: parameterName }]);
      expect(logger.info.mock.calls).toEqual([[{ parameterName }, 'runtime config loaded']]);
    });

    it('keeps the last good config when the value is not JSON, and logs why', async () => {
      ssmMock.on(GetParameterCommand).resolvesOnce(holding(JSON.stringify(tightened))).resolves(holding('{"risk": '));
      const { config, clock, logger } = setup();
      await config.read();
      clock.set(1_005_000);

      const notJson: unknown = expect.stringMatching(/^\/trader\/prod\/runtime-config: not valid JSON \(.+\)$/);
      expect(await config.read()).toEqual(tightened);
      expect(logger.error.mock.calls).toEqual([
        [
          { parameterName, reason: notJson, using: 'last good' },
          'runtime config rejected: using the last good config',
        ],
      ]);
    });

    it('keeps the last good config when the check rejects a value the schema accepts, and logs why', async () => {
      // Prepare: the check refuses a slow EMA shorter than the fast one
      const inverted = { ...tightened, strategy: { name: 'ema-crossover', params: { fast: 26, slow: 12 } } };
      ssmMock.on(GetParameterCommand).resolvesOnce(holding(JSON.stringify(tightened))).resolves(holding(JSON.stringify(inverted)));
      const check = vi.fn(({ strategy }: RuntimeConfig): Promise<void> =>
        Number(strategy.params.slow) <= Number(strategy.params.fast) ? Promise.reject(new InvalidInputError('strategy.params.slow', 'must be above fast')) : Promise.resolve(),
      );
      const { config, clock, logger } = setup(check);
      await config.read();
      clock.set(1_005_000);

      // Act
      const read = await config.read();

      // Assess
      expect(read).toEqual(tightened);
      expect(check.mock.calls).toEqual([[tightened], [inverted]]);
      expect(logger.error.mock.calls).toEqual([
        [
          { parameterName, reason: 'strategy.params.slow: must be above fast', using: 'last good' },
          'runtime config rejected: using the last good config',
        ],
      ]);
    });

    it('names the field that fails the schema', async () => {
      const wrongType = { ...tightened, risk: { ...tightened.risk, maxOpenPlans: '1' } };
      ssmMock.on(GetParameterCommand).resolves(holding(JSON.stringify(wrongType)));
      const { config, logger } = setup();

      expect(await config.read()).toEqual(deployed);
      expect(logger.error.mock.calls).toEqual([
        [
          {
            parameterName,
            reason: '/trader/prod/runtime-config: risk.maxOpenPlans: Invalid input: expected number, received string',
            using: 'fallback',
          },
          'runtime config rejected: using the fallback config',
        ],
      ]);
    });

    it('rejects a document that leaves out a risk limit instead of taking the code default', async () => {
      const risk: Partial<RuntimeConfig['risk']> = { ...tightened.risk };
      delete risk.dailyLossLimitPct;
      ssmMock.on(GetParameterCommand).resolves(holding(JSON.stringify({ ...tightened, risk })));
      const { config, logger } = setup();

      expect(await config.read()).toEqual(deployed);
      expect(logger.error.mock.calls[0]?.[0]).toEqual({
        parameterName,
        reason: '/trader/prod/runtime-config: risk.dailyLossLimitPct: Invalid input: expected number, received undefined',
        using: 'fallback',
      });
    });

    it('rejects a key it does not know', async () => {
      ssmMock.on(GetParameterCommand).resolves(holding(JSON.stringify({ ...tightened, execution: {} })));
      const { config, logger } = setup();

      expect(await config.read()).toEqual(deployed);
      expect(logger.error.mock.calls[0]?.[0]).toEqual({
        parameterName,
        reason: '/trader/prod/runtime-config: (root): Unrecognized key: "execution"',
        using: 'fallback',
      });
    });

    it('gives the fallback when the parameter does not exist, without throwing', async () => {
      ssmMock.on(GetParameterCommand).rejects(new ParameterNotFound({ message: 'not found', $metadata: {} }));
      const { config, logger } = setup();

      expect(await config.read()).toEqual(deployed);
      expect(logger.error.mock.calls).toEqual([
        [
          { parameterName, reason: 'ParameterNotFound: not found', using: 'fallback' },
          'runtime config unreadable: using the fallback config',
        ],
      ]);
    });

    it('keeps the last good config when SSM cannot be reached, and asks again on the next read', async () => {
      ssmMock
        .on(GetParameterCommand)
        .resolvesOnce(holding(JSON.stringify(tightened)))
        .rejectsOnce(new Error('socket hang up'))
        .resolves(holding(JSON.stringify(deployed)));
      const { config, clock } = setup();
      await config.read();
      clock.set(1_005_000);

      expect(await config.read()).toEqual(tightened);
      expect(await config.read()).toEqual(deployed);
      expect(readCount()).toBe(3);
    });

    it('reads the parameter once within 5 seconds, and again after', async () => {
      ssmMock.on(GetParameterCommand).resolvesOnce(holding(JSON.stringify(tightened))).resolves(holding(JSON.stringify(deployed)));
      const { config, clock } = setup();

      expect(await config.read()).toEqual(tightened);
      clock.set(1_004_999);
      expect(await config.read()).toEqual(tightened);
      expect(readCount()).toBe(1);

      clock.set(1_005_000);
      expect(await config.read()).toEqual(deployed);
      expect(readCount()).toBe(2);
    });

    it('logs a loaded config once, not on every read of the same value', async () => {
      ssmMock.on(GetParameterCommand).resolves(holding(JSON.stringify(tightened)));
      const { config, clock, logger } = setup();

      await config.read();
      clock.set(1_005_000);
      await config.read();

      expect(readCount()).toBe(2);
      expect(logger.info).toHaveBeenCalledTimes(1);
    });
  });
});
