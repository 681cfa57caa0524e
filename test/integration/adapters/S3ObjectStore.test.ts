import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../../lib/adapters/s3/S3ObjectStore.js';
import { LoopbackS3Server } from '../../support/LoopbackS3Server.js';

let server: LoopbackS3Server;
const clientFor = (endpoint: string) => new S3Client({ endpoint, forcePathStyle: true, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });

beforeAll(async () => {
  server = await LoopbackS3Server.start(['optimizer-bucket']);
});
afterAll(() => server.stop());

describe('S3ObjectStore: the real S3 client against a loopback S3', () => {
  it('puts, gets, checks and lists objects by key', async () => {
    const store = new S3ObjectStore(clientFor(server.endpoint), 'optimizer-bucket');
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await store.put('runs/r1/data.json.gz', bytes, 'application/gzip');
    await store.put('runs/r1/results/a.json', '{"a":1}', 'application/json');
    await store.put('runs/r2/results/b.json', '{"b":2}', 'application/json');

    expect(await store.get('runs/r1/data.json.gz')).toEqual(bytes);
    expect(Buffer.from((await store.get('runs/r1/results/a.json'))!).toString()).toBe('{"a":1}');
    expect([await store.has('runs/r1/results/a.json'), await store.has('runs/r1/results/none.json')]).toEqual([true, false]);
    expect(await store.get('runs/r1/results/none.json')).toBeUndefined();
    expect((await store.list('runs/r1/')).sort()).toEqual(['runs/r1/data.json.gz', 'runs/r1/results/a.json']);
  });

  it('throws, not answers "missing", when the bucket does not exist', async () => {
    const store = new S3ObjectStore(clientFor(server.endpoint), 'no-such-bucket');
    await expect(store.get('runs/x')).rejects.toThrow(/bucket/i);
  });
});
