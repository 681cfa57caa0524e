import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A TCP port on the loopback address that nothing listens on right now. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** A loopback port held for one server of this process until `release()`. */
export interface PortReservation {
  readonly port: number;
  release(): void;
}

/** Where the reservations of every process on this machine are: one file a port, holding its owner's pid. */
export const PORT_LOCK_DIR = join(tmpdir(), 'serverless-trader-ports');

const MAX_PICKS = 50;

/**
 * A free loopback port that no other process of ours holds: a free port is only free until
 * someone binds it, and a child (java) binds it seconds later, so two processes asking at once
 * (vitest runs test files in parallel) could both be handed the same one. The port is claimed
 * by creating its lock file exclusively (`wx`, atomic across processes); a lock whose owner
 * has died is taken over. `pick` chooses the candidates (a free port by default).
 */
export async function reserveLoopbackPort(pick: () => Promise<number> = freeLoopbackPort): Promise<PortReservation> {
  mkdirSync(PORT_LOCK_DIR, { recursive: true });
  for (let i = 0; i < MAX_PICKS; i++) {
    const port = await pick();
    const lock = join(PORT_LOCK_DIR, `${port}.lock`);
    if (claim(lock)) {
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        process.off('exit', release);
        unlinkQuietly(lock);
      };
      process.once('exit', release);
      return { port, release };
    }
  }
  throw new Error(`no loopback port could be reserved after ${MAX_PICKS} picks: every one was held (see ${PORT_LOCK_DIR})`);
}

function claim(lock: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (ownerAlive(lock)) return false;
      // The owner died without releasing it: take it over (one attempt; a racer may win it).
      unlinkQuietly(lock);
    }
  }
  return false;
}

function ownerAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(lock, 'utf8'));
  } catch {
    return false;
  }
  // A lock being written has no pid yet: taken as held.
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
