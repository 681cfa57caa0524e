import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startExchangeSimulator } from '../../../lib/local/exchange-sim/index.js';
import { backtestCli } from '../../../lib/runtime/backtest/cli.js';

const MINUTE = 60_000;
const T0 = 1_516_423_980_000;
const SOUND = JSON.stringify([0, 1, 2].map((i) => [T0 + i * MINUTE, 0.0894, 0.0895, 0.0891, 0.0892, 81.45]));
/** Row 1 has its high under its low. */
const BAD = JSON.stringify([[T0, 0.0894, 0.0895, 0.0891, 0.0892, 81.45], [T0 + MINUTE, 0.0894, 0.089, 0.0891, 0.0892, 81.45]]);
const EARLIER_REPORT = '{"an earlier report":true}';

describe('Bad input: a bad candle file stops its consumers before anything is written', () => {
  let dir: string;
  let out: string;
  let errors: string[];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bad-candle-consumers-'));
    out = join(dir, 'out');
    await mkdir(out);
    await writeFile(join(out, 'report.json'), EARLIER_REPORT);
    await mkdir(join(dir, 'sound'));
    await mkdir(join(dir, 'bad'));
    await writeFile(join(dir, 'sound', 'XLM_BTC-1m.json'), SOUND);
    await writeFile(join(dir, 'bad', 'ETH_BTC-1m.json'), BAD);
    errors = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.map(String).join(' ')));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('backtest: exits non-zero naming the file, row and field, and leaves the earlier report as it was', async () => {
    const bad = join(dir, 'bad', 'ETH_BTC-1m.json');
    await backtestCli(['--data', join(dir, 'sound', 'XLM_BTC-1m.json'), '--data', bad, '--out', out], { out });

    expect(process.exitCode).toBe(1);
    expect(errors.join('\n')).toContain(`backtest: ${bad}: row 1: high: below open, close or low`);
    expect(await readdir(out)).toEqual(['report.json']);
    expect(await readFile(join(out, 'report.json'), 'utf8')).toBe(EARLIER_REPORT);
  });

  it('backtest: the same run over the sound file alone writes its report (the control)', async () => {
    await backtestCli(['--data', join(dir, 'sound', 'XLM_BTC-1m.json'), '--out', out], { out });

    expect(process.exitCode).toBeUndefined();
    expect(await readFile(join(out, 'report.json'), 'utf8')).not.toBe(EARLIER_REPORT);
  });

  it('npm start: the exchange simulator refuses to replay the file, naming the row and field', async () => {
    const bad = join(dir, 'bad', 'ETH_BTC-1m.json');
    await expect(startExchangeSimulator({ candleFiles: [bad], balances: { BTC: '1' } })).rejects.toThrow(`${bad}: row 1: high: below open, close or low`);
  });
});
