import { backtestCli } from '../lib/runtime/backtest/cli.js';

await backtestCli(process.argv.slice(2), { out: 'out/backtest' });
