import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { CreateTableCommand, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbLocal } from '../../../lib/local/DynamoDbLocal.js';
import { freeLoopbackPort } from '../../../lib/local/freePort.js';

/** Running, and not a zombie waiting for a parent that is gone to reap it. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/^\d+ \(.*\) Z/.test(stat);
}

async function waitUntilGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  return !isAlive(pid);
}

describe('Class: DynamoDbLocal', () => {
  it('starts on a loopback port, creates the tables it is given, answers, and leaves no java process after stop', async () => {
    const local = await DynamoDbLocal.start({
      tables: [
        {
          TableName: 'probe',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        },
      ],
    });
    const pid = local.pid ?? 0;
    try {
      expect(local.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const client = local.client();
      await client.send(new PutItemCommand({ TableName: 'probe', Item: { pk: { S: 'a' }, amount: { N: '0.00000001' } } }));
      const got = await client.send(new GetItemCommand({ TableName: 'probe', Key: { pk: { S: 'a' } } }));
      expect(got.Item?.amount).toEqual({ N: '0.00000001' });
    } finally {
      await local.stop();
    }
    expect(await waitUntilGone(pid)).toBe(true);
  });
});

describe('DynamoDB Local started several at once', () => {
  it('gives each its own port and its own tables, though every start is first offered the same free port', async () => {
    const same = await freeLoopbackPort();
    // The race of test files in parallel, made certain: each start's first candidate is one port.
    const pickers = [0, 1, 2].map(() => {
      let first = true;
      return () => (first ? ((first = false), Promise.resolve(same)) : freeLoopbackPort());
    });
    const started = await Promise.allSettled(pickers.map((pickPort) => DynamoDbLocal.start({ pickPort, startTimeoutMs: 120_000 })));
    const locals = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    try {
      expect(started.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      expect(new Set(locals.map((l) => l.endpoint)).size).toBe(3);
      expect(locals.map((l) => l.endpoint)).toContain(`http://127.0.0.1:${same}`);
      // Each answers for itself: a table made in one is in no other.
      const [one, ...others] = locals.map((l) => l.client());
      await one!.send(new CreateTableCommand({ TableName: 'mine', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] }));
      expect((await one!.send(new ListTablesCommand({}))).TableNames).toEqual(['mine']);
      for (const client of others) expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual([]);
    } finally {
      await Promise.all(locals.map((l) => l.stop()));
    }
  }, 180_000);
});

describe('DynamoDB Local and Ctrl-C', () => {
  it('leaves no java process behind when the process that started it is interrupted', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/holdDynamoDbLocal.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const javaPid = await new Promise<number>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      child.once('exit', (code) => reject(new Error(`holder exited early with ${code}`)));
    });
    expect(isAlive(javaPid)).toBe(true);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
    expect(await waitUntilGone(javaPid)).toBe(true);
  });
});
