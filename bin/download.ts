import { downloadCli } from '../lib/runtime/download/cli.js';

await downloadCli(process.argv.slice(2));
