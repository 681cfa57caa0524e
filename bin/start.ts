import { fileURLToPath } from 'node:url';
import { backtestCli } from '../lib/runtime/backtest/cli.js';

// Until the local runtime exists, `npm start` replays the bundled sample through the whole chain.
const sample = fileURLToPath(new URL('../data/sample/LTC_BTC-5m.json', import.meta.url));
await backtestCli(process.argv.slice(2), { data: [sample], out: 'out/demo' });
