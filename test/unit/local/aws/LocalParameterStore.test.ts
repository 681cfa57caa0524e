import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalParameterStore } from '../../../../lib/local/aws/LocalParameterStore.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'local-ssm-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('Class: LocalParameterStore', () => {
  describe('Method: put', () => {
    it('loses no write when many puts run at once, and numbers the versions one by one', async () => {
      const file = join(dir, 'parameters.json');
      const store = await LocalParameterStore.create(file, { '/bot/kill-switch': 'RUN' });
      const other = LocalParameterStore.open(file);

      const versions = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? store : other).put(i % 4 < 2 ? `/bot/p${i}` : '/bot/kill-switch', `v${i}`, { overwrite: true })),
      );

      for (let i = 0; i < 20; i += 1) if (i % 4 < 2) expect((await store.get(`/bot/p${i}`))?.value).toBe(`v${i}`);
      const killSwitchVersions = versions.filter((_, i) => i % 4 >= 2).sort((a, b) => a - b);
      expect(killSwitchVersions).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect((await store.get('/bot/kill-switch'))?.version).toBe(11);
    });

    it("takes over a lock left by a process that died, and waits on a live one's", async () => {
      const file = join(dir, 'parameters.json');
      const store = await LocalParameterStore.create(file, { '/bot/kill-switch': 'RUN' });
      const dead = spawn(process.execPath, ['-e', '']);
      await new Promise((resolve) => dead.once('exit', resolve));
      await writeFile(`${file}.lock`, String(dead.pid));

      expect(await store.put('/bot/kill-switch', 'HALT', { overwrite: true })).toBe(2);

      await writeFile(`${file}.lock`, String(process.pid));
      let landed = false;
      const waiting = store.put('/bot/kill-switch', 'RUN', { overwrite: true }).then((version) => ((landed = true), version));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(landed).toBe(false);
      await rm(`${file}.lock`);
      expect(await waiting).toBe(3);
    });
  });
});
