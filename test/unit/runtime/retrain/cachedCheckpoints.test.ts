import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedCheckpoints } from '../../../../lib/runtime/retrain/cachedCheckpoints.js';

const BUCKET = 'checkpoints';
const KEY = 'challengers/20261201T120000Z/model.onnx';
const CARD_KEY = 'challengers/20261201T120000Z/model-card.json';

/** The bucket in memory (the signed GET is tested against the loopback S3 server): the keys asked, in order. */
function bucketHolding(objects: Record<string, string>) {
  const asked: string[] = [];
  const getObject = (key: string) => {
    asked.push(key);
    const body = objects[key];
    return body === undefined ? Promise.reject(new Error(`s3://${BUCKET}/${key}: no such object (404 NoSuchKey)`)) : Promise.resolve(new TextEncoder().encode(body));
  };
  return { asked, getObject };
}

describe('cachedCheckpoints', () => {
  it('brings the model and its card to the cache once, concurrent and later loads included', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'checkpoint-cache-'));
    const bucket = bucketHolding({ [KEY]: 'onnx bytes', [CARD_KEY]: '{"card":1}' });
    const fetch = cachedCheckpoints({ bucket: BUCKET, getObject: bucket.getObject, cacheDir });

    const paths = await Promise.all([fetch(`s3://${BUCKET}/${KEY}`), fetch(`s3://${BUCKET}/${KEY}`)]);
    const again = await cachedCheckpoints({ bucket: BUCKET, getObject: bucket.getObject, cacheDir })(`s3://${BUCKET}/${KEY}`);

    expect(paths).toEqual([join(cacheDir, BUCKET, KEY), join(cacheDir, BUCKET, KEY)]);
    expect(again).toBe(paths[0]);
    expect(bucket.asked.sort()).toEqual([CARD_KEY, KEY]);
    expect(readFileSync(join(cacheDir, BUCKET, KEY), 'utf8')).toBe('onnx bytes');
    expect(readFileSync(join(cacheDir, BUCKET, CARD_KEY), 'utf8')).toBe('{"card":1}');
  });

  it('caches nothing when the card is missing, and tries again on the next load', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'checkpoint-cache-'));
    const bucket = bucketHolding({ [KEY]: 'onnx bytes' });
    const fetch = cachedCheckpoints({ bucket: BUCKET, getObject: bucket.getObject, cacheDir });

    await expect(fetch(`s3://${BUCKET}/${KEY}`)).rejects.toThrow(`s3://${BUCKET}/${CARD_KEY}: no such object (404 NoSuchKey)`);
    await expect(fetch(`s3://${BUCKET}/${KEY}`)).rejects.toThrow('no such object');
    expect(bucket.asked.filter((key) => key === CARD_KEY)).toHaveLength(2);
  });

  it('refuses a location outside the checkpoint bucket or with a path step, asking the bucket nothing', async () => {
    const bucket = bucketHolding({});
    const fetch = cachedCheckpoints({ bucket: BUCKET, getObject: bucket.getObject, cacheDir: mkdtempSync(join(tmpdir(), 'checkpoint-cache-')) });

    await expect(fetch(`s3://other/${KEY}`)).rejects.toThrow(`s3://other/${KEY} is not in the checkpoint bucket (expected s3://${BUCKET}/…/model.onnx)`);
    await expect(fetch(`s3://${BUCKET}/challengers/../secrets/model.onnx`)).rejects.toThrow('not a plain object key');
    expect(bucket.asked).toEqual([]);
  });
});
