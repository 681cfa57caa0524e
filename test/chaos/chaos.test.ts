import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChaosSummary } from './runChaos.js';
import type { ScenarioResult } from './runScenario.js';

const run = promisify(execFile);
/**
 * Four scenarios (seeds 100-103: together their draws include every exchange fault kind) that between them hit every kind of exchange, queue and DynamoDB fault, decide
 * dying at one or more of its boundaries, capture dying between storing candles and publishing
 * them, and a reconciliation run under the faults (the kill switch back to RUN after FLATTEN).
 * Heartbeat dying mid-FLATTEN and a repair step dying after its order are rarer in a short run;
 * test/integration/functions (heartbeat.test.ts, reconcile/repairDeath.test.ts) prove those.
 */
const SEED = 100;
const RUNS = 4;
const MINUTES = 60;

describe('npm run chaos: seeded fault scenarios of the local runtime, then reconciliation, then the invariants', () => {
  let dir: string;
  let stdout: string;
  let stderr: string;
  let details: { summary: ChaosSummary; results: ScenarioResult[] };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chaos-'));
    const out = join(dir, 'summary.json');
    const tsx = resolve('node_modules/.bin/tsx');
    ({ stdout, stderr } = await run(tsx, ['test/chaos/cli.ts', '--runs', String(RUNS), '--seed', String(SEED), '--minutes', String(MINUTES), '--out', out], { maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout: string; stderr: string }) => {
      throw new Error(`npm run chaos failed:\n${error.stderr}\n${error.stdout}`);
    }));
    details = JSON.parse(await readFile(out, 'utf8')) as typeof details;
  }, 450_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('prints one JSON line: the runs, the faults injected, no violation, and the seed', () => {
    const last = JSON.parse(stdout.trim().split('\n').at(-1)!) as ChaosSummary;
    expect(last).toEqual({ runs: RUNS, faults: details.summary.faults, violations: 0, seed: SEED });
    expect(last.faults).toBeGreaterThan(40);
    expect(stderr).toContain(`run 1/${RUNS} seed ${SEED}:`);
    expect(stderr).toContain(`run 2/${RUNS} seed ${SEED + 1}:`);
    expect(stderr).toContain(`run 3/${RUNS} seed ${SEED + 2}:`);
  });

  it('injects every kind of fault the issue names, and the bot still trades through them', () => {
    const kinds = new Set(details.results.flatMap((result) => Object.keys(result.faults)));
    for (const kind of ['exchange serverError', 'exchange htmlError', 'exchange lostAck', 'exchange malformedJson', 'exchange hang', 'exchange rateLimit', 'exchange serverErrorAfterExecution', 'exchange backendTimeout', 'exchange disconnected', 'exchange ipBan', 'queue late', 'queue lostDelete', 'queue duplicate', 'dynamodb throttled', 'dynamodb transactionConflict']) {
      expect([...kinds], kind).toContain(kind);
    }
    // Which boundary a death lands on follows the run's timing; FunctionDeaths.test.ts and
    // test/integration/functions prove each boundary deterministically.
    expect([...kinds].filter((kind) => kind.startsWith('decide died ')).length).toBeGreaterThanOrEqual(1);
    expect([...kinds]).toContain('capture died afterCandlesStored');
    expect(details.results.some((result) => result.scenario.exchange.partialFillFraction !== undefined)).toBe(true);
    for (const result of details.results) {
      expect(result.violations).toEqual([]);
      expect(result.orders).toBeGreaterThan(4);
      expect(result.fills).toBeGreaterThan(4);
    }
  });

  it('reconciles under the faults when the switch goes back to RUN after FLATTEN, and every such run ends', () => {
    for (const result of details.results) {
      const underFaults = result.reconciliationsUnderFaults;
      expect(underFaults.some((run) => run.name.startsWith('chaos-run-')), JSON.stringify(underFaults)).toBe(true);
      for (const run of underFaults) expect(['SUCCEEDED', 'FAILED']).toContain(run.status);
    }
  });
});
