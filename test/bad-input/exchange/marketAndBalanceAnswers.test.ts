import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CcxtExchange } from '../../../lib/adapters/ccxt/CcxtExchange.js';
import { ExchangeCallError } from '../../../lib/domain/errors.js';
import type { ExchangeSimulator, FaultRule } from '../../../lib/local/exchange-sim/index.js';
import { type Reshape, balances, column, klineRow, unchanged, withField, without, withoutFilters } from './binanceAnswers.js';
import { answerAlways, faultsServed, gatewayOn, rejectionOf, startStagedSim } from './gatewayOnSim.js';

const ACCOUNT = 'GET /api/v3/account';
const TICKER = 'GET /api/v3/ticker/24hr';
const KLINES = 'GET /api/v3/klines';
const MARKETS = 'GET /api/v3/exchangeInfo';

type Read = (gateway: CcxtExchange) => Promise<unknown>;
const READS: Readonly<Record<string, Read>> = {
  [ACCOUNT]: (g) => g.fetchBalances(),
  [TICKER]: (g) => g.fetchLastPrice('LTC/BTC'),
  [KLINES]: (g) => g.fetchClosedCandles('LTC/BTC', '5m'),
  [MARKETS]: (g) => g.market('LTC/BTC'),
};

type Fault = Omit<FaultRule, 'endpoint' | 'times'>;
const custom = (body: Reshape): Fault => ({ kind: 'customBody', body });
/** The newest closed candle: the newest row of all is still forming, and is dropped unread. */
const newestClosed = (change: (row: unknown[]) => unknown[]) => custom(klineRow(2, change));

// [what the venue answers, endpoint, fault, fragments the error must hold]
const CASES: readonly (readonly [string, string, Fault, readonly (string | RegExp)[]])[] = [
  ['an HTML 502 page for the balances', ACCOUNT, { kind: 'htmlError' }, ['fetchBalance failed: ExchangeNotAvailable: ', '502 Bad Gateway', '<title>502 Bad Gateway</title>']],
  ['a cut-short balance answer', ACCOUNT, { kind: 'malformedJson' }, ['fetchBalance failed: BadResponse: binance GET /api/v3/account: the answer is not JSON']],
  ['balances without free', ACCOUNT, custom(balances(without('free'))), ['fetchBalance failed: BadResponse: balance BTC: free is missing']],
  ['a negative free balance', ACCOUNT, custom(balances(withField('free', '-1'))), ['fetchBalance failed: BadResponse: balance BTC: free -1 is not a non-negative number']],
  ['a ticker without last (nor the change ccxt derives it from)', TICKER, custom(without('lastPrice', 'priceChange', 'priceChangePercent')), ['fetchTicker failed: BadResponse: LTC/BTC ticker: last is missing or not a positive price (undefined)']],
  ['a ticker with a negative last', TICKER, custom(withField('lastPrice', '-1')), ['fetchTicker failed: BadResponse: LTC/BTC ticker: last is missing or not a positive price (-1)']],
  ['an HTML 502 page for the ticker', TICKER, { kind: 'htmlError' }, ['fetchTicker failed: ExchangeNotAvailable: ', '502 Bad Gateway']],
  ['a cut-short ticker', TICKER, { kind: 'malformedJson' }, ['fetchTicker failed: BadResponse: binance GET /api/v3/ticker/24hr: the answer is not JSON']],
  ['a candle without its high', KLINES, newestClosed(column(2, null)), [/^candle \d+: high: NaN is not a positive finite price$/]],
  ['a candle with a negative low', KLINES, newestClosed(column(3, '-1')), [/^candle \d+: low: -1 is not a positive finite price$/]],
  ['a candle with a NaN close', KLINES, newestClosed(column(4, 'NaN')), [/^candle \d+: close: NaN is not a positive finite price$/]],
  ['a candle with a negative volume', KLINES, newestClosed(column(5, '-3')), [/^candle \d+: volume: -3 is not a non-negative number$/]],
  ['a candle row of three values', KLINES, newestClosed((row) => row.slice(0, 3)), [/^candle \d+: low: NaN is not a positive finite price$/]],
  ['a candle with a zero open', KLINES, newestClosed(column(1, '0')), [/^candle \d+: open: 0 is not a positive finite price$/]],
  ['cut-short candles', KLINES, { kind: 'malformedJson' }, ['fetchOHLCV failed: BadResponse: binance GET /api/v3/klines: the answer is not JSON']],
  ['a market without its lot size (amount precision and limits)', MARKETS, custom(withoutFilters('LOT_SIZE')), ['LTC/BTC precision.amount: missing from the market data']],
  ['a market without its price filter (price precision)', MARKETS, custom(withoutFilters('PRICE_FILTER')), ['LTC/BTC precision.price: missing from the market data']],
  ['a market without any filter', MARKETS, custom(withoutFilters('PRICE_FILTER', 'LOT_SIZE', 'NOTIONAL', 'MAX_NUM_ORDERS', 'MAX_NUM_ALGO_ORDERS')), ['LTC/BTC precision.amount: missing from the market data']],
  ['cut-short markets', MARKETS, { kind: 'malformedJson' }, ['loadMarkets failed: BadResponse: binance GET /api/v3/exchangeInfo: the answer is not JSON']],
  ['an HTML 502 page for the markets', MARKETS, { kind: 'htmlError' }, ['loadMarkets failed: ExchangeNotAvailable: ', '502 Bad Gateway']],
];

describe('Bad input: market data and balance answers the ccxt gateway refuses (real ccxt binance, simulator)', () => {
  let sim: ExchangeSimulator;
  beforeAll(async () => {
    sim = await startStagedSim();
  });
  afterEach(() => sim.faults.clear());
  afterAll(() => sim.stop());

  it.each(CASES)('refuses %s, naming it, and places no order', async (_what, endpoint, fault, fragments) => {
    const ordersBefore = sim.orders();
    const servedBefore = faultsServed(sim, endpoint, fault.kind);
    answerAlways(sim, endpoint, fault);

    const error = await rejectionOf(READS[endpoint]!(gatewayOn(sim)));

    for (const fragment of fragments) expect(error.message).toMatch(fragment);
    expect(faultsServed(sim, endpoint, fault.kind)).toBeGreaterThan(servedBefore);
    expect(sim.orders()).toEqual(ordersBefore);
  });

  it('reads the unreadable answers as ExchangeCallError, and candles and markets as named invalid input', async () => {
    answerAlways(sim, ACCOUNT, { kind: 'malformedJson' });
    expect(await rejectionOf(gatewayOn(sim).fetchBalances())).toBeInstanceOf(ExchangeCallError);
    answerAlways(sim, KLINES, newestClosed(column(2, null)));
    expect(await rejectionOf(gatewayOn(sim).fetchClosedCandles('LTC/BTC', '5m'))).toMatchObject({ name: 'InvalidInputError', field: expect.stringMatching(/^candle \d+$/) as unknown });
  });

  it.each(Object.keys(READS))('reads the answer of %s when the same fault passes it unchanged', async (endpoint) => {
    const servedBefore = faultsServed(sim, endpoint, 'customBody');
    answerAlways(sim, endpoint, custom(unchanged));

    await expect(READS[endpoint]!(gatewayOn(sim))).resolves.toBeDefined();
    expect(faultsServed(sim, endpoint, 'customBody')).toBeGreaterThan(servedBefore);
  });
});
