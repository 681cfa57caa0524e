import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteParameterCommand, GetParameterCommand, ParameterAlreadyExists, ParameterNotFound, PutParameterCommand } from '@aws-sdk/client-ssm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../../lib/adapters/memory/ManualClock.js';
import { SsmKillSwitch } from '../../../../lib/adapters/ssm/SsmKillSwitch.js';
import { SsmRuntimeConfig } from '../../../../lib/adapters/ssm/SsmRuntimeConfig.js';
import { RiskConfigSchema } from '../../../../lib/domain/config.js';
import { RuntimeConfigSchema, type RuntimeConfig } from '../../../../lib/domain/runtimeConfig.js';
import { silentLogger } from '../../../../lib/ports/Logger.js';
import { localSsmClient } from '../../../../lib/local/aws/localSsmClient.js';
import { LocalParameterStore } from '../../../../lib/local/aws/LocalParameterStore.js';

const KILL_SWITCH = '/bot1/kill-switch';
const RUNTIME_CONFIG = '/bot1/runtime-config';
const T0 = Date.UTC(2026, 0, 2, 3, 4, 5);

const deployed: RuntimeConfig = {
  risk: RiskConfigSchema.parse({ maxOpenPlans: 2 }),
  strategy: { name: 'ema-crossover', params: { fast: 9, slow: 21 } },
};

let dir: string;
let file: string;
let clock: ManualClock;

beforeEach(async () => {
  clock = new ManualClock(T0);
  dir = await mkdtemp(join(tmpdir(), 'local-ssm-'));
  file = join(dir, 'nested', 'parameters.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function killSwitchOver(store: LocalParameterStore, logger = silentLogger) {
  return new SsmKillSwitch({ client: localSsmClient(store), parameterName: KILL_SWITCH, clock, logger, cacheMs: 0 });
}

describe('Function: localSsmClient', () => {
  it('gives SsmKillSwitch the value another process puts in the same file', async () => {
    const store = await LocalParameterStore.create(file, { [KILL_SWITCH]: 'RUN' }, clock);
    const killSwitch = killSwitchOver(store);
    expect(await killSwitch.read()).toBe('RUN');

    // As `npm run kill-switch` would: its own store over the same file.
    const version = await LocalParameterStore.open(file).put(KILL_SWITCH, 'HALT', { overwrite: true });

    expect(version).toBe(2);
    expect(await killSwitch.read()).toBe('HALT');
  });

  it('reads an unknown kill switch value as HALT, as in AWS', async () => {
    const error = vi.fn();
    const store = await LocalParameterStore.create(file, { [KILL_SWITCH]: 'STOP' }, clock);

    expect(await killSwitchOver(store, { ...silentLogger, error }).read()).toBe('HALT');
    expect(error).toHaveBeenCalledWith({ parameterName: KILL_SWITCH, value: 'STOP' }, 'kill switch value "STOP" is not a known state: reading HALT');
  });

  it('answers a missing parameter with ParameterNotFound, so the runtime config keeps its fallback, and takes it once put', async () => {
    const store = await LocalParameterStore.create(file, {}, clock);
    const client = localSsmClient(store);
    const config = new SsmRuntimeConfig({ client, parameterName: RUNTIME_CONFIG, schema: RuntimeConfigSchema, fallback: deployed, clock, logger: silentLogger, cacheMs: 0 });

    await expect(client.send(new GetParameterCommand({ Name: RUNTIME_CONFIG }))).rejects.toBeInstanceOf(ParameterNotFound);
    expect(await config.read()).toEqual(deployed);

    const tightened = { ...deployed, strategy: { name: 'ema-crossover', params: { fast: 12, slow: 26 } } };
    await client.send(new PutParameterCommand({ Name: RUNTIME_CONFIG, Value: JSON.stringify(tightened), Type: 'String' }));
    expect(await config.read()).toEqual(tightened);
  });

  it('answers GetParameter and PutParameter with the shapes SSM returns, the version one higher each put', async () => {
    const store = await LocalParameterStore.create(file, { [KILL_SWITCH]: 'RUN' }, clock);
    const client = localSsmClient(store);

    const put = (value: string) => client.send(new PutParameterCommand({ Name: KILL_SWITCH, Value: value, Type: 'String', Overwrite: true }));
    expect(await put('PAUSE_ENTRIES')).toEqual({ Version: 2, Tier: 'Standard', $metadata: {} });
    clock.set(T0 + 60_000);
    expect(await put('FLATTEN')).toMatchObject({ Version: 3 });

    const { Parameter } = await client.send(new GetParameterCommand({ Name: KILL_SWITCH }));
    expect(Parameter).toEqual({ Name: KILL_SWITCH, Type: 'String', Value: 'FLATTEN', Version: 3, LastModifiedDate: new Date(T0 + 60_000), DataType: 'text' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ [KILL_SWITCH]: { value: 'FLATTEN', version: 3, lastModified: new Date(T0 + 60_000).toISOString() } });
  });

  it('refuses to overwrite without Overwrite, as SSM does', async () => {
    const store = await LocalParameterStore.create(file, { [KILL_SWITCH]: 'RUN' }, clock);

    await expect(localSsmClient(store).send(new PutParameterCommand({ Name: KILL_SWITCH, Value: 'HALT', Type: 'String' }))).rejects.toBeInstanceOf(ParameterAlreadyExists);
    expect(await store.get(KILL_SWITCH)).toMatchObject({ value: 'RUN', version: 1 });
  });

  it('rejects a command it has no answer for, naming it', async () => {
    const store = await LocalParameterStore.create(file, { [KILL_SWITCH]: 'RUN' }, clock);

    await expect(localSsmClient(store).send(new DeleteParameterCommand({ Name: KILL_SWITCH }))).rejects.toThrow('DeleteParameterCommand is not available locally');
    expect(await store.get(KILL_SWITCH)).toMatchObject({ value: 'RUN' });
  });
});

describe('Class: LocalParameterStore', () => {
  it('names the file when it is missing or corrupt', async () => {
    expect(() => LocalParameterStore.open(join(dir, 'none.json'))).toThrow(`${join(dir, 'none.json')}: no local parameter file there`);

    await LocalParameterStore.create(file, { [KILL_SWITCH]: 'RUN' });
    const store = LocalParameterStore.open(file);
    await writeFile(file, '{"/bot1/kill-switch": {"value": "RUN"');
    await expect(store.get(KILL_SWITCH)).rejects.toThrow(`${file}: local parameter file is not valid JSON`);
    await writeFile(file, '{"/bot1/kill-switch": {"value": "RUN"}}');
    await expect(store.get(KILL_SWITCH)).rejects.toThrow(`${file}: /bot1/kill-switch.version`);
  });

  it('leaves no temporary file behind a write', async () => {
    const store = await LocalParameterStore.create(file, {});
    await store.put('/a', '1', { overwrite: false });
    await store.put('/b', '2', { overwrite: false });

    expect(await readdir(join(dir, 'nested'))).toEqual(['parameters.json']);
    expect(await store.get('/b')).toMatchObject({ value: '2', version: 1 });
  });
});
