import { loadCheckpoint } from '../../strategy/model/loadCheckpoint.js';

/**
 * Loads a checkpoint as the model strategy does (a remote one through `fetchCheckpoint`), so
 * a card or graph decide would refuse fails the retrain job before the runtime config names it.
 */
export async function verifyCheckpoint(checkpoint: string, fetchCheckpoint?: (location: string) => Promise<string>): Promise<void> {
  const local = checkpoint.startsWith('s3://') && fetchCheckpoint !== undefined ? await fetchCheckpoint(checkpoint) : checkpoint;
  const loaded = await loadCheckpoint(local);
  await loaded.session.release();
}
