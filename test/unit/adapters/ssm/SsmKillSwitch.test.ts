import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../../lib/adapters/memory/ManualClock.js';
import { SsmKillSwitch } from '../../../../lib/adapters/ssm/SsmKillSwitch.js';

const parameterName = '/trader/prod/kill-switch';
const ssmMock = mockClient(SSMClient);

const holding = (value: string) => ({ Parameter: { Name: parameterName, Type: 'String' as const, Value: value, Version: 1 } });

function setup(cacheMs?: number) {
  const clock = new ManualClock(1_000_000);
  const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const killSwitch = new SsmKillSwitch({ client: new SSMClient({ region: 'eu-west-1' }), parameterName, clock, logger, cacheMs });
  return { killSwitch, clock, logger };
}

const readInputs = () => ssmMock.commandCalls(GetParameterCommand).map((call) => call.args[0].input);

describe('Class: SsmKillSwitch', () => {
  beforeEach(() => {
    ssmMock.reset();
  });

  describe('Method: read', () => {
    it.each(['RUN', 'PAUSE_ENTRIES', 'HALT', 'FLATTEN'] as const)('reads %s as itself', async (value) => {
      ssmMock.on(GetParameterCommand).resolves(holding(value));
      const { killSwitch, logger } = setup();

      expect(await killSwitch.read()).toBe(value);
      expect(readInputs()).toEqual([{ Name: parameterName }]);
      expect(logger.error).not.toHaveBeenCalled();
    });

    it('fails closed on a value that is not a known state, and logs the value', async () => {
      ssmMock.on(GetParameterCommand).resolves(holding('run'));
      const { killSwitch, logger } = setup();

      expect(await killSwitch.read()).toBe('HALT');
      expect(logger.error.mock.calls).toEqual([
        [{ parameterName, value: 'run' }, 'kill switch value "run" is not a known state: reading HALT'],
      ]);
    });

    it('fails closed when the parameter does not exist', async () => {
      ssmMock.on(GetParameterCommand).rejects(new ParameterNotFound({ message: 'not found', $metadata: {} }));
      const { killSwitch, logger } = setup();

      expect(await killSwitch.read()).toBe('HALT');
      expect(logger.error.mock.calls).toEqual([
        [{ parameterName, reason: 'ParameterNotFound: not found' }, 'kill switch unreadable: reading HALT'],
      ]);
    });

    it('fails closed when SSM cannot be reached', async () => {
      ssmMock.on(GetParameterCommand).rejects(Object.assign(new Error('connect ETIMEDOUT'), { name: 'TimeoutError' }));
      const { killSwitch, logger } = setup();

      expect(await killSwitch.read()).toBe('HALT');
      expect(logger.error.mock.calls).toEqual([
        [{ parameterName, reason: 'TimeoutError: connect ETIMEDOUT' }, 'kill switch unreadable: reading HALT'],
      ]);
    });

    it('reads the parameter once within 5 seconds, and again after', async () => {
      ssmMock.on(GetParameterCommand).resolvesOnce(holding('RUN')).resolves(holding('HALT'));
      const { killSwitch, clock } = setup();

      expect(await killSwitch.read()).toBe('RUN');
      clock.set(1_004_999);
      expect(await killSwitch.read()).toBe('RUN');
      expect(readInputs()).toHaveLength(1);

      clock.set(1_005_000);
      expect(await killSwitch.read()).toBe('HALT');
      expect(readInputs()).toHaveLength(2);
    });

    it('keeps a value for the cacheMs it is given', async () => {
      ssmMock.on(GetParameterCommand).resolves(holding('RUN'));
      const { killSwitch, clock } = setup(60_000);

      await killSwitch.read();
      clock.set(1_059_999);
      await killSwitch.read();
      expect(readInputs()).toHaveLength(1);
      clock.set(1_060_000);
      await killSwitch.read();
      expect(readInputs()).toHaveLength(2);
    });

    it('keeps an unknown value like a known one', async () => {
      ssmMock.on(GetParameterCommand).resolves(holding('STOP'));
      const { killSwitch } = setup();

      expect([await killSwitch.read(), await killSwitch.read()]).toEqual(['HALT', 'HALT']);
      expect(readInputs()).toHaveLength(1);
    });

    it('does not keep a failed read: the next read asks again', async () => {
      ssmMock.on(GetParameterCommand).rejectsOnce(new Error('blip')).resolves(holding('RUN'));
      const { killSwitch } = setup();

      expect(await killSwitch.read()).toBe('HALT');
      expect(await killSwitch.read()).toBe('RUN');
      expect(readInputs()).toHaveLength(2);
    });

    it('never serves an earlier RUN once a read has failed', async () => {
      ssmMock.on(GetParameterCommand).resolvesOnce(holding('RUN')).rejects(new Error('blip'));
      const { killSwitch, clock } = setup();

      expect(await killSwitch.read()).toBe('RUN');
      clock.set(1_005_000);
      expect(await killSwitch.read()).toBe('HALT');
    });

    it('lets concurrent readers share one GetParameter call', async () => {
      ssmMock.on(GetParameterCommand).resolves(holding('PAUSE_ENTRIES'));
      const { killSwitch } = setup();

      expect(await Promise.all([killSwitch.read(), killSwitch.read(), killSwitch.read()])).toEqual([
        'PAUSE_ENTRIES',
        'PAUSE_ENTRIES',
        'PAUSE_ENTRIES',
      ]);
      expect(readInputs()).toHaveLength(1);
    });
  });
});
