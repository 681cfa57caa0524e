import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../../../lib/runtime/backtest/progress.js';

/** A stream that says it is (or is not) a terminal and records what is written to it. */
function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; output: () => string; writes: () => number } {
  const chunks: string[] = [];
  const pass = new PassThrough();
  pass.on('data', (c: Buffer) => chunks.push(c.toString()));
  let writes = 0;
  const write = pass.write.bind(pass);
  const stream = Object.assign(pass, {
    isTTY,
    columns: 200,
    write: (chunk: string | Uint8Array) => {
      writes++;
      return write(chunk);
    },
  }) as unknown as NodeJS.WriteStream;
  return { stream, output: () => chunks.join(''), writes: () => writes };
}

describe('Function: createProgress', () => {
  it('prints nothing when the stream is not a terminal', async () => {
    // Prepare
    const fake = fakeStream(false);
    const progress = createProgress(10_000, { stream: fake.stream });

    // Act
    for (let i = 1; i <= 10_000; i++) progress.update(i, { equity: 1.5 });
    progress.stop();
    await new Promise((resolve) => setImmediate(resolve));

    // Assess
    expect(fake.writes()).toBe(0);
  });

  it('shows the percentage, candles done, speed, ETA and extra values on a terminal', async () => {
    // Prepare
    const fake = fakeStream(true);
    const progress = createProgress(10_000, { stream: fake.stream, label: 'ETH/BTC 1m' });

    // Act
    for (let i = 1; i <= 10_000; i++) progress.update(i, { equity: '1.2345 BTC' });
    progress.stop();
    await new Promise((resolve) => setImmediate(resolve));

    // Assess
    const out = fake.output();
    expect(out).toContain('ETH/BTC 1m');
    expect(out).toContain('100%');
    expect(out).toContain('10000/10000 candles');
    expect(out).toMatch(/\d+ candles\/s/);
    expect(out).toContain('ETA');
    expect(out).toContain('equity 1.2345 BTC');
  });

  it('touches the terminal rarely however often update() is called', () => {
    // Prepare
    const fake = fakeStream(true);
    const total = 2_000_000;
    const progress = createProgress(total, { stream: fake.stream });
    const started = performance.now();

    // Act
    for (let i = 1; i < total; i++) progress.update(i);
    const elapsedMs = performance.now() - started;
    const writesDuringRun = fake.writes();
    progress.stop();

    // Assess: a redraw is a handful of writes, at most one redraw per 100 ms plus the first
    expect(writesDuringRun).toBeLessThanOrEqual(10 * (2 + elapsedMs / 100));
  });

  it('ignores updates after stop', () => {
    const fake = fakeStream(true);
    const progress = createProgress(10, { stream: fake.stream });
    progress.stop();
    const after = fake.writes();
    progress.update(10);
    progress.stop();
    expect(fake.writes()).toBe(after);
  });
});
