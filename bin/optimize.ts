import { optimizeCli } from '../lib/runtime/optimize/cli.js';

await optimizeCli(process.argv.slice(2));
