import { afterEach, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../../lib/local/exchange-sim/index.js';
import { useDynamoDbLocal } from '../../support/dynamoDbLocalTables.js';
import { column, klineRow, unchanged } from './binanceAnswers.js';
import { answerAlways, faultsServed } from './gatewayOnSim.js';
import { LedgerBot } from './ledgerBot.js';

const dynamo = useDynamoDbLocal();
let bot: LedgerBot | undefined;
afterEach(async () => bot?.stop());

type Fault = Omit<FaultRule, 'endpoint' | 'times'>;
const KLINES = 'GET /api/v3/klines';
/** Capture runs past candle 12's close: candles 10, 11 and 12 are new; the last row of the answer is still forming. */
const middleNewRow = (change: (row: unknown[]) => unknown[]): Fault => ({ kind: 'customBody', body: klineRow(3, change) });

// [what the venue answers, fault, fragment of the failure]
const CASES: readonly (readonly [string, Fault, string | RegExp])[] = [
  ['a candle without its high', middleNewRow(column(2, null)), /capture failed for LTC\/BTC 5m \(candle \d+: high: NaN is not a positive finite price\)/],
  ['a candle with a negative close', middleNewRow(column(4, '-0.017')), /\(candle \d+: close: -0\.017 is not a positive finite price\)/],
  ['a candle with a NaN volume', middleNewRow(column(5, 'NaN')), /\(candle \d+: volume: NaN is not a non-negative number\)/],
  ['cut-short candles', { kind: 'malformedJson' }, 'fetchOHLCV failed: BadResponse: binance GET /api/v3/klines: the answer is not JSON'],
  ['an HTML 502 page', { kind: 'htmlError' }, 'fetchOHLCV failed: ExchangeNotAvailable: '],
];

describe('Bad input: capture on bad candle answers (DynamoDB Local, real ccxt binance, simulator)', () => {
  it.each(CASES)('stores and queues nothing on %s, and fails naming it', async (_what, fault, fragment) => {
    const started = (bot = await LedgerBot.start(dynamo));
    const stored = await started.snapshot();
    answerAlways(started.sim, KLINES, fault);

    const { outcome, queued } = await started.capture(12);

    const error = await outcome.then(() => new Error('capture succeeded'), (e: unknown) => e as Error);
    expect(error.message).toMatch(fragment);
    expect(faultsServed(started.sim, KLINES, fault.kind)).toBeGreaterThan(0);
    expect(queued).toEqual([]);
    expect(await started.snapshot()).toEqual(stored);
  });

  it('stores the three new candles and queues their decisions when the answer passes unchanged (the control)', async () => {
    const started = (bot = await LedgerBot.start(dynamo));
    const stored = await started.snapshot();
    answerAlways(started.sim, KLINES, { kind: 'customBody', body: unchanged });

    const { outcome, queued } = await started.capture(12);

    await expect(outcome).resolves.toMatchObject({ stored: 3, published: 3, failed: [] });
    expect(queued).toHaveLength(3);
    expect((await started.snapshot()).market.length).toBe(stored.market.length + 3);
  });
});
