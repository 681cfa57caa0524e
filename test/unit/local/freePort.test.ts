import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PORT_LOCK_DIR, freeLoopbackPort, reserveLoopbackPort } from '../../../lib/local/freePort.js';

/** Hands out `ports` in order: what two processes asking the OS at the same moment can both be given. */
function picker(...ports: number[]): () => Promise<number> {
  let i = 0;
  return () => Promise.resolve(ports[Math.min(i++, ports.length - 1)]!);
}

describe('Function: reserveLoopbackPort', () => {
  it('never gives one port to two reservations, though the picker offers the same port to both', async () => {
    const port = await freeLoopbackPort();
    const other = await freeLoopbackPort();
    const first = await reserveLoopbackPort(picker(port));
    try {
      const second = await reserveLoopbackPort(picker(port, port, other));
      try {
        expect(first.port).toBe(port);
        expect(second.port).toBe(other);
        expect(readFileSync(join(PORT_LOCK_DIR, `${port}.lock`), 'utf8')).toBe(String(process.pid));
      } finally {
        second.release();
      }
    } finally {
      first.release();
    }
    expect(existsSync(join(PORT_LOCK_DIR, `${port}.lock`))).toBe(false);
  });

  it('takes over the lock of a process that died without releasing it', async () => {
    const port = await freeLoopbackPort();
    mkdirSync(PORT_LOCK_DIR, { recursive: true });
    // No process has this pid: Linux pids stay below 2^22.
    writeFileSync(join(PORT_LOCK_DIR, `${port}.lock`), String(2 ** 22 + 1));

    const reservation = await reserveLoopbackPort(picker(port));
    reservation.release();

    expect(reservation.port).toBe(port);
  });

  it('names the lock directory when every port it is offered is held', async () => {
    const port = await freeLoopbackPort();
    const held = await reserveLoopbackPort(picker(port));
    try {
      await expect(reserveLoopbackPort(picker(port))).rejects.toThrow(`no loopback port could be reserved after 50 picks: every one was held (see ${PORT_LOCK_DIR})`);
    } finally {
      held.release();
    }
  });
});
