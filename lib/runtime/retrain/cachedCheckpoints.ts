import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { InvalidInputError } from '../../domain/errors.js';
import { MODEL_CARD_FILE } from '../../strategy/model/modelCard.js';
import { checkpointDirectory } from './checkpointKey.js';

export interface CachedCheckpointsOptions {
  /** The one bucket checkpoints are read from: a location in another is refused. */
  readonly bucket: string;
  /** An object's bytes by key; it throws, naming the bucket and key, when there is none or it may not be read. */
  readonly getObject: (key: string) => Promise<Uint8Array>;
  /** @default <tmpdir>/checkpoints: Lambda's /tmp, kept while the execution environment lives. */
  readonly cacheDir?: string;
}

/**
 * Brings `s3://bucket/…/model.onnx` and the model-card.json beside it to local files once per
 * execution environment, and returns the model's path; loadCheckpoint then checks the card
 * and the graph exactly as for a bundled checkpoint. A key is a training window's end, so a
 * cached copy stays the checkpoint the key names.
 */
export function cachedCheckpoints(options: CachedCheckpointsOptions): (location: string) => Promise<string> {
  const cacheDir = options.cacheDir ?? join(tmpdir(), 'checkpoints');
  const inFlight = new Map<string, Promise<string>>();
  return (location) => {
    const prefix = `s3://${options.bucket}/`;
    if (!location.startsWith(prefix) || location.length === prefix.length) {
      return Promise.reject(new InvalidInputError('checkpoint', `${location} is not in the checkpoint bucket (expected ${prefix}…/model.onnx)`));
    }
    const key = location.slice(prefix.length);
    if (key.split('/').some((part) => part === '..' || part === '')) return Promise.reject(new InvalidInputError('checkpoint', `${location}: not a plain object key`));
    let fetched = inFlight.get(key);
    if (fetched === undefined) {
      fetched = download(options, cacheDir, key).catch((error: unknown) => {
        inFlight.delete(key);
        throw error;
      });
      inFlight.set(key, fetched);
    }
    return fetched;
  };
}

async function download(options: CachedCheckpointsOptions, cacheDir: string, key: string): Promise<string> {
  const modelPath = join(cacheDir, options.bucket, key);
  const cardKey = `${checkpointDirectory(key)}${MODEL_CARD_FILE}`;
  const cardPath = join(cacheDir, options.bucket, cardKey);
  if (existsSync(modelPath) && existsSync(cardPath)) return modelPath;
  const [model, card] = await Promise.all([options.getObject(key), options.getObject(cardKey)]);
  // The card first: a model file in the cache always has its card beside it.
  await writeAtomically(cardPath, card);
  await writeAtomically(modelPath, model);
  return modelPath;
}

async function writeAtomically(path: string, body: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, body);
  await rename(temporary, path);
}
