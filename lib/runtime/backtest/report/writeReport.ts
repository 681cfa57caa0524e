import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BacktestReport } from './BacktestReport.js';
import type { BacktestResult } from './BacktestResult.js';
import { buildReport } from './buildReport.js';
import { renderHtml } from './renderHtml.js';

/** Writes report.json (2-space JSON) and report.html into `dir`, creating it when missing. */
export async function writeReport(
  dir: string,
  result: BacktestResult,
): Promise<{ jsonPath: string; htmlPath: string; report: BacktestReport }> {
  const report = buildReport(result);
  await mkdir(dir, { recursive: true });
  const jsonPath = join(dir, 'report.json');
  const htmlPath = join(dir, 'report.html');
  await Promise.all([
    writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`, 'utf8'),
    writeFile(htmlPath, renderHtml(report), 'utf8'),
  ]);
  return { jsonPath, htmlPath, report };
}
