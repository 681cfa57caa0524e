import { open, readFile, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

const RETRY_MS = 5;
const GIVE_UP_MS = 10_000;

/**
 * Runs `critical` holding `<file>.lock`, created exclusively (O_EXCL), so writers in this
 * process and in others (`npm run kill-switch` beside a running bot) take turns. The lock
 * holds its owner's pid: a lock whose process has died is taken over, not waited on forever.
 */
export async function withFileLock<T>(file: string, critical: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  const giveUpAt = Date.now() + GIVE_UP_MS;
  for (;;) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await ownerIsGone(lock)) {
        await unlink(lock).catch(() => undefined);
        continue;
      }
      if (Date.now() > giveUpAt) throw new Error(`${lock}: held by another writer for over ${GIVE_UP_MS} ms`, { cause: error });
      await sleep(RETRY_MS);
    }
  }
  try {
    return await critical();
  } finally {
    await unlink(lock);
  }
}

async function ownerIsGone(lock: string): Promise<boolean> {
  let pid: number;
  try {
    pid = Number(await readFile(lock, 'utf8'));
  } catch {
    return false;
  }
  // An empty file is a lock being written this instant: not gone.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
