import { TraderError } from '../lib/domain/errors.js';
import { TRAIN_USAGE, trainCli } from '../lib/training/trainCli.js';

try {
  await trainCli(process.argv.slice(2));
} catch (error) {
  const known = error instanceof TraderError || (error instanceof TypeError && 'code' in error);
  console.error(known ? `train: ${error.message}\n\n${TRAIN_USAGE}` : error);
  process.exitCode = 1;
}
