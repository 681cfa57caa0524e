/** Where the retrain job's checkpoints live under their store: one directory per training window end. */
export const CHALLENGER_PREFIX = 'challengers/';
export const CHECKPOINT_FILE = 'model.onnx';

/**
 * `challengers/20261203T120000Z/model.onnx`: versioned by the training window's end, so a run
 * over the same candles writes the same key again (idempotent), and a newer window a new one.
 */
export function checkpointKey(trainingWindowEnd: string): string {
  const compact = new Date(trainingWindowEnd).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return `${CHALLENGER_PREFIX}${compact}/${CHECKPOINT_FILE}`;
}

/** The directory key of a checkpoint key: its model card sits there. */
export function checkpointDirectory(key: string): string {
  const slash = key.lastIndexOf('/');
  return slash < 0 ? '' : key.slice(0, slash + 1);
}
