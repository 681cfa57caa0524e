import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOCAL_BOTS_DIR, registerLocalBot, runningLocalBots, type LocalBotEntry } from '../../../../lib/local/bots/localBotRegistry.js';

let dir: string;

beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'local-bots-')), 'bots');
});

afterEach(async () => {
  await rm(join(dir, '..'), { recursive: true, force: true });
});

const entry = (pid: number, botId = 'bot1'): LocalBotEntry => ({ botId, pid, parameterFile: `/tmp/${botId}/parameters.json`, startedAt: 1_767_322_800_000 });

/** The pid of a process that has exited: no process holds it (until the system reuses it). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid!;
}

describe('Function: registerLocalBot', () => {
  it('lists a registered bot while its process lives, and no longer once unregistered', async () => {
    const unregister = await registerLocalBot(dir, entry(process.pid));
    // The process's exit unregisters it too.
    expect(process.listeners('exit')).toContain(unregister);

    expect(await runningLocalBots(dir)).toEqual([entry(process.pid)]);
    expect(JSON.parse(await readFile(join(dir, `${process.pid}.json`), 'utf8'))).toEqual(entry(process.pid));

    unregister();
    expect(await runningLocalBots(dir)).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
    expect(process.listeners('exit')).not.toContain(unregister);
    // Again: nothing left to remove, nothing thrown.
    expect(() => unregister()).not.toThrow();
  });
});

describe('Function: runningLocalBots', () => {
  it('deletes the record of a process that is gone and keeps the live ones', async () => {
    const pid = await deadPid();
    const unregister = await registerLocalBot(dir, entry(process.pid, 'alive'));
    // What a bot killed outright leaves behind.
    await writeFile(join(dir, `${pid}.json`), JSON.stringify(entry(pid, 'crashed')));

    expect(await runningLocalBots(dir)).toEqual([entry(process.pid, 'alive')]);
    expect(await readdir(dir)).toEqual([`${process.pid}.json`]);
    unregister();
  });

  it('finds none when nothing was ever registered, and skips what is not a record', async () => {
    expect(await runningLocalBots(dir)).toEqual([]);

    const unregister = await registerLocalBot(dir, entry(process.pid));
    await writeFile(join(dir, 'notes.txt'), 'hello');
    await writeFile(join(dir, `${process.pid}.json`), '{"botId":');
    expect(await runningLocalBots(dir)).toEqual([]);
    unregister();
  });

  it('keeps its records under .local/bots at the repository root by default', () => {
    expect(DEFAULT_LOCAL_BOTS_DIR).toBe(fileURLToPath(new URL('../../../../.local/bots', import.meta.url)));
  });
});
