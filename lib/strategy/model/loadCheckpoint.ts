import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { InferenceSession } from 'onnxruntime-node';
import { InvalidInputError } from '../../domain/errors.js';
import { parseWith } from '../../domain/validation.js';
import { describeFeatureSet, FEATURE_SETS, type FeatureSet } from './candleFeatures.js';
import { MODEL_CARD_FILE, type ModelCard, ModelCardSchema } from './modelCard.js';

/** The checkpoint shipped in the repo and in the decide function's bundle, relative to the working directory. */
export const DEFAULT_CHECKPOINT = 'models/default/model.onnx';

export interface Checkpoint {
  readonly path: string;
  readonly card: ModelCard;
  readonly featureSet: FeatureSet;
  readonly session: InferenceSession;
  /** pWin for one row of features. */
  run(row: Float32Array): Promise<number>;
  /** Rows one session run may take: the graph's batch dimension (1 when the graph fixes it). */
  readonly maxBatch: number;
  /** pWin for `count` rows laid end to end in `rows` (count ≤ maxBatch), in one session run. */
  runBatch(rows: Float32Array, count: number): Promise<Float32Array>;
}

/** Rows per run when the graph's batch dimension is free: big enough that the per-run cost vanishes, small enough to stay in cache. */
const BATCH_ROWS = 4096;

function shapeText(shape: readonly (number | string)[]): string {
  return `[${shape.join(', ')}]`;
}

async function readCard(cardPath: string): Promise<ModelCard> {
  let text: string;
  try {
    text = await readFile(cardPath, 'utf8');
  } catch (error) {
    throw new InvalidInputError(cardPath, `no model card beside the checkpoint (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(cardPath, `not JSON: ${(error as Error).message}`);
  }
  return parseWith(ModelCardSchema, json, cardPath);
}

/** The feature set the card names, when this code computes exactly it. */
function featureSetOf(card: ModelCard, cardPath: string): FeatureSet {
  const found = `${describeFeatureSet(card.featureSet)} (${card.featureSet.names.length} features)`;
  const known = FEATURE_SETS.find((set) => set.id === card.featureSet.id && set.version === card.featureSet.version);
  const expected = FEATURE_SETS.map((set) => `${describeFeatureSet(set)} (${set.names.length} features)`).join(' or ');
  if (known === undefined) throw new InvalidInputError(`${cardPath}: featureSet`, `expected ${expected}, found ${found}`);
  if (known.names.join(',') !== card.featureSet.names.join(',')) {
    throw new InvalidInputError(`${cardPath}: featureSet.names`, `expected ${known.names.join(', ')} for ${describeFeatureSet(known)}, found ${card.featureSet.names.join(', ')}`);
  }
  return known;
}

/** Refuses a graph whose one input is not float32 [batch, features] under the card's name, or whose output is not there. */
function checkGraph(session: InferenceSession, card: ModelCard, featureSet: FeatureSet, path: string): void {
  const width = featureSet.names.length;
  const expected = `one input "${card.input}" float32 [batch, ${width}]`;
  const inputs = session.inputMetadata;
  const found = inputs.map((m) => (m.isTensor ? `"${m.name}" ${m.type} ${shapeText(m.shape)}` : `"${m.name}" (not a tensor)`)).join(', ');
  const input = inputs[0];
  const fits =
    inputs.length === 1 &&
    input !== undefined &&
    input.isTensor &&
    input.name === card.input &&
    input.type === 'float32' &&
    input.shape.length === 2 &&
    input.shape[1] === width &&
    (typeof input.shape[0] === 'string' || input.shape[0] === 1 || input.shape[0] === -1);
  if (!fits) throw new InvalidInputError(`${path}: input`, `expected ${expected} (feature set ${describeFeatureSet(featureSet)}), found ${found || 'no input'}`);
  const output = session.outputMetadata.find((m) => m.name === card.output);
  const outputFits = output !== undefined && output.isTensor && output.type === 'float32' && output.shape.length <= 2 && (output.shape.length < 2 || output.shape[1] === 1);
  if (!outputFits) {
    const outputs = session.outputMetadata.map((m) => (m.isTensor ? `"${m.name}" ${m.type} ${shapeText(m.shape)}` : `"${m.name}" (not a tensor)`)).join(', ');
    throw new InvalidInputError(`${path}: output`, `expected "${card.output}" float32 [batch, 1] (pWin), found ${outputs || 'no output'}`);
  }
}

/** The card beside a checkpoint, checked against its schema. */
export function readCheckpointCard(file: string = DEFAULT_CHECKPOINT): Promise<ModelCard> {
  return readCard(join(dirname(resolve(file)), MODEL_CARD_FILE));
}

/**
 * Loads an ONNX checkpoint and the model-card.json beside it, and refuses one that does not
 * fit this code: a card naming another feature set, or a graph whose input names or shape
 * differ. The error names what was expected and what was found. onnxruntime is imported
 * here, on first use, so bots without a model never load it. `batchRows` caps runBatch's rows
 * (default 4096).
 */
export async function loadCheckpoint(file: string = DEFAULT_CHECKPOINT, options: { readonly batchRows?: number } = {}): Promise<Checkpoint> {
  const path = resolve(file);
  const cardPath = join(dirname(path), MODEL_CARD_FILE);
  const card = await readCard(cardPath);
  const featureSet = featureSetOf(card, cardPath);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InvalidInputError(path, `cannot read the checkpoint (${(error as Error).message})`);
  }
  const ort = await import('onnxruntime-node');
  let session: InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1 });
  } catch (error) {
    throw new InvalidInputError(path, `not a model onnxruntime can load: ${(error as Error).message}`);
  }
  try {
    checkGraph(session, card, featureSet, path);
  } catch (error) {
    await session.release();
    throw error;
  }
  const width = featureSet.names.length;
  const dims = [1, width];
  const batchDimension = session.inputMetadata[0]?.isTensor === true ? session.inputMetadata[0].shape[0] : 1;
  const maxBatch = typeof batchDimension === 'string' || batchDimension === -1 ? (options.batchRows ?? BATCH_ROWS) : 1;
  // A new tensor per run, never one shared buffer: session.run reads its input on a later turn, so concurrent runs would overwrite each other's rows.
  return {
    path,
    card,
    featureSet,
    session,
    maxBatch,
    async run(row: Float32Array): Promise<number> {
      const output = await session.run({ [card.input]: new ort.Tensor('float32', row, dims) });
      return Number(output[card.output]?.data[0]);
    },
    async runBatch(rows: Float32Array, count: number): Promise<Float32Array> {
      if (!(count >= 1 && count <= maxBatch && rows.length >= count * width)) {
        throw new RangeError(`runBatch: ${count} rows of ${width} features do not fit a batch of at most ${maxBatch} from ${rows.length} values`);
      }
      const output = await session.run({ [card.input]: new ort.Tensor('float32', rows.subarray(0, count * width), [count, width]) });
      const data = output[card.output]?.data;
      if (!(data instanceof Float32Array) || data.length !== count) throw new Error(`${path}: "${card.output}" gave ${data?.length ?? 0} values for ${count} rows`);
      return data;
    },
  };
}
