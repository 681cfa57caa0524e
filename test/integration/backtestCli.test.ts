import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function backtest(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bin/backtest.ts', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run backtest', () => {
  it('writes report.json with the fields a trader reads, report.html with the picture, and one summary line', () => {
    const out = mkdtempSync(join(tmpdir(), 'bt-'));
    const run = backtest('--data', '../shared/data/candles/UNITTEST_BTC-30m.json', '--strategy', 'rsi-mean-reversion', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^backtest rsi-mean-reversion UNITTEST\/BTC 30m: 1920 candles, \d+ trades, return -?[\d.]+%/m);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Record<string, unknown>;
    for (const field of ['candles', 'trades', 'totalReturnPct', 'maxDrawdownPct', 'sharpe', 'winRatePct', 'feesPaid', 'finalEquity', 'durationMs']) {
      expect(report, field).toHaveProperty(field);
    }
    expect(report.candles).toBe(1920);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<svg');
  });

  it('backtests several data files of one timeframe: the report names that timeframe once and both symbols', () => {
    const out = mkdtempSync(join(tmpdir(), 'bt-'));
    const run = backtest('--data', '../shared/data/candles/ETH_BTC-1m.json', '--data', '../shared/data/candles/XLM_BTC-1m.json', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^backtest ema-crossover ETH\/BTC,XLM\/BTC 1m: /m);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { timeframe: string; symbols: string[]; sharpe: number };
    expect(report.timeframe).toBe('1m');
    expect(report.symbols).toEqual(['ETH/BTC', 'XLM/BTC']);
    expect(Number.isFinite(report.sharpe)).toBe(true);
  });

  it('exits non-zero naming a missing data file', () => {
    const run = backtest('--data', 'nowhere/ETH_BTC-1m.json');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('backtest: nowhere/ETH_BTC-1m.json: cannot read: ENOENT');
  });

  it('exits non-zero naming an unknown strategy and the known ones', () => {
    const run = backtest('--data', 'data/sample/LTC_BTC-5m.json', '--strategy', 'moon');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unknown strategy "moon" (known: ema-crossover, rsi-mean-reversion, model, llm)');
  });

  it('exits non-zero naming the bad field of a config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bt-'));
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ risk: { maxOpenPlans: 'three' } }));
    const run = backtest('--data', 'data/sample/LTC_BTC-5m.json', '--config', config);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${config}: risk.maxOpenPlans: Invalid input: expected number, received string`);
  });

  it('exits non-zero on an option it does not know', () => {
    const run = backtest('--dta', 'x');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Unknown option '--dta'");
  });
});
