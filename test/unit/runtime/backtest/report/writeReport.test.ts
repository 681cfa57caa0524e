import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeReport } from '../../../../../lib/runtime/backtest/report/writeReport.js';
import { sampleResult } from './sampleResult.js';

describe('Function: writeReport', () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'backtest-report-'));
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('writes report.json and report.html into a directory it creates', async () => {
    // Prepare
    const dir = join(tmp, 'runs', 'first');

    // Act
    const { jsonPath, htmlPath, report } = await writeReport(dir, sampleResult());

    // Assess
    expect(jsonPath).toBe(join(dir, 'report.json'));
    expect(htmlPath).toBe(join(dir, 'report.html'));
    const json = await readFile(jsonPath, 'utf8');
    expect(JSON.parse(json)).toEqual(report);
    expect(json).toContain('\n  "strategy": "ema-crossover"');
    const html = await readFile(htmlPath, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<svg');
  });

  it('overwrites an earlier report in the same directory', async () => {
    await writeReport(tmp, sampleResult({ strategy: 'first' }));
    const { jsonPath } = await writeReport(tmp, sampleResult({ strategy: 'second' }));
    expect(JSON.parse(await readFile(jsonPath, 'utf8'))).toMatchObject({ strategy: 'second' });
  });
});
