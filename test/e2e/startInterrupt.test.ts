import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LOCAL_BOTS_DIR, runningLocalBots } from '../../lib/local/bots/localBotRegistry.js';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The DynamoDB Local java processes a process started (tsx's esbuild service is a child too). */
const javaChildrenOf = (pid: number): number[] =>
  execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('DynamoDBLocal.jar'))
    .map((line) => Number(line.trim().split(/\s+/)[0]));

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((done, fail) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output so far:\n${seen}`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        done();
      }
    });
  });
}

describe('npm start, interrupted by Ctrl-C', () => {
  let dir: string;
  let exitCode: number | null;
  let javaPids: number[];
  let stdout = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'start-interrupt-'));
    // As `npm start` runs it (tsx as a loader in this one process: the tsx CLI's parent
    // process SIGKILLs a child that does not acknowledge a relayed Ctrl-C within 30 ms), in
    // its own process group, as a terminal's foreground job: Ctrl-C signals the whole group.
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts', '--speed', '100', '--out', dir], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.resume();
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    await waitForLine(child, /reconciliation at start: SUCCEEDED/, 90_000);
    const bot = (await runningLocalBots(DEFAULT_LOCAL_BOTS_DIR)).find((entry) => entry.parameterFile.startsWith(dir));
    if (bot === undefined) throw new Error('the running bot did not register');
    javaPids = javaChildrenOf(bot.pid);
    process.kill(-(child.pid ?? 0), 'SIGINT');
    exitCode = await exited;
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stops after the step in progress with the exit code of an interrupt, and still writes the report', async () => {
    expect(exitCode).toBe(130);
    expect(stdout).toMatch(/^report: .*report\.html/m);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as { run: string; decisions: number };
    expect(report.run).toBe('local live');
    expect((await readdir(dir)).sort()).toEqual(['bot.log', 'parameters.json', 'report.html', 'report.json']);
  });

  it('leaves no DynamoDB Local java process behind, and unregisters the bot', async () => {
    expect(javaPids).toHaveLength(1);
    expect(isAlive(javaPids[0]!)).toBe(false);
    expect((await runningLocalBots(DEFAULT_LOCAL_BOTS_DIR)).filter((entry) => entry.parameterFile.startsWith(dir))).toEqual([]);
  });
});
