import { startCli } from '../lib/local/cli/startCli.js';

process.exitCode = await startCli(process.argv.slice(2));
