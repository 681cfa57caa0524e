import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectGetError, type SignedObjectGetOptions, signedObjectGet } from '../../../lib/adapters/s3/signedObjectGet.js';
import { LoopbackS3Server } from '../../support/LoopbackS3Server.js';

const BUCKET = 'checkpoint-bucket';
const REGION = 'eu-west-1';
const KEYS = { accessKeyId: 'AKIDSIGNEDGET', secretAccessKey: 'signed-get-secret' };
/** A key with characters SigV4's canonical URI encodes (space, +, !, parentheses). */
const KEY = 'challengers/20261201T120000Z/a b+c!(1)/model.onnx';
const BYTES = Buffer.from([0, 1, 2, 128, 250, 255, 10, 13]);

let server: LoopbackS3Server;
beforeAll(async () => {
  server = await LoopbackS3Server.start([BUCKET], { credentials: KEYS, region: REGION });
  server.putObject(BUCKET, KEY, BYTES);
});
afterAll(() => server.stop());

/** Waits recorded, none slept: the retry schedule is asserted, not timed. */
function options(overrides: Partial<SignedObjectGetOptions> = {}) {
  const waits: number[] = [];
  const timing = { sleep: (ms: number) => Promise.resolve(void waits.push(ms)), random: () => 0.5 };
  return { waits, options: { endpoint: server.endpoint, region: REGION, credentials: KEYS, timing, ...overrides } };
}

async function failure(promise: Promise<unknown>): Promise<S3ObjectGetError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof S3ObjectGetError)) throw new Error(`expected an S3ObjectGetError, got ${String(error)}`);
  return error;
}

describe('signedObjectGet: one SigV4-signed GET against a loopback S3 that verifies the signature', () => {
  it('returns the object\'s bytes, the request signed for the key, region and service s3', async () => {
    const before = server.requests.length;

    expect(Buffer.from(await signedObjectGet(options().options)(BUCKET, KEY))).toEqual(BYTES);

    const [request] = server.requests.slice(before);
    expect(request?.path).toBe(`/${BUCKET}/challengers/20261201T120000Z/a%20b%2Bc%21%281%29/model.onnx`);
    expect(request?.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${KEYS.accessKeyId}/\\d{8}/${REGION}/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, `));
  });

  it('signs the session token Lambda\'s role credentials carry', async () => {
    const before = server.requests.length;

    expect(Buffer.from(await signedObjectGet(options({ credentials: { ...KEYS, sessionToken: 'role-session-token' } }).options)(BUCKET, KEY))).toEqual(BYTES);

    expect(server.requests[before]?.authorization).toContain('SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, ');
  });

  it('is refused by the server when signed with another secret or for another region, naming bucket and key, without retrying', async () => {
    const before = server.requests.length;
    const wrongSecret = await failure(signedObjectGet(options({ credentials: { ...KEYS, secretAccessKey: 'not-the-secret' } }).options)(BUCKET, KEY));
    expect(wrongSecret.message).toBe(`s3://${BUCKET}/${KEY}: access denied (403 SignatureDoesNotMatch): the object is missing or the role may not read it`);
    const wrongRegion = await failure(signedObjectGet(options({ region: 'us-east-1' }).options)(BUCKET, KEY));
    expect([wrongRegion.status, wrongRegion.code]).toEqual([400, 'AuthorizationHeaderMalformed']);
    expect(server.requests.length - before).toBe(2);
  });

  it('fails at once on a missing key (404), naming bucket and key', async () => {
    const { options: opts, waits } = options();
    const error = await failure(signedObjectGet(opts)(BUCKET, 'challengers/none/model.onnx'));
    expect(error.message).toBe(`s3://${BUCKET}/challengers/none/model.onnx: no such object (404 NoSuchKey)`);
    expect([error.bucket, error.key, error.status]).toEqual([BUCKET, 'challengers/none/model.onnx', 404]);
    expect(waits).toEqual([]);
  });

  it('retries 503 SlowDown with full-jitter backoff and returns the object', async () => {
    const { options: opts, waits } = options();
    const before = server.requests.length;
    server.failNext(2);

    expect(Buffer.from(await signedObjectGet(opts)(BUCKET, KEY))).toEqual(BYTES);

    expect(server.requests.length - before).toBe(3);
    // random 0.5 of min(2000, 100 · 2^(n−1)): 50 then 100 ms.
    expect(waits).toEqual([50, 100]);
  });

  it('gives up after its attempts on a 5xx that persists, and on a server that is not there', async () => {
    const slow = options();
    server.failNext(4, 500, 'InternalError');
    const error = await failure(signedObjectGet(slow.options)(BUCKET, KEY));
    expect(error.message).toBe(`s3://${BUCKET}/${KEY}: S3 answered 500 InternalError (after 4 attempts)`);
    expect(slow.waits).toHaveLength(3);

    const gone = await LoopbackS3Server.start([BUCKET]);
    const endpoint = gone.endpoint;
    await gone.stop();
    const refused = options({ endpoint });
    const network = await failure(signedObjectGet(refused.options)(BUCKET, KEY));
    expect(network.status).toBeUndefined();
    expect(network.message).toMatch(new RegExp(`^s3://${BUCKET}/challengers/.*: no answer from S3 \\(.*ECONNREFUSED.*\\) \\(after 4 attempts\\)$`));
  });
});
