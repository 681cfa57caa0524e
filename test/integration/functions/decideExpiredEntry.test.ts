import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dec } from '../../../lib/domain/decimal.js';
import type { Fill } from '../../../lib/domain/order.js';
import { STRICT_FILLS } from '../../../lib/local/exchange-sim/index.js';
import { useDynamoDbLocal } from '../../support/dynamoDbLocalTables.js';
import { everyCandleLtcConfig } from '../../support/everyCandleLtcConfig.js';
import { decideBots } from './decideBot.js';

const dynamo = useDynamoDbLocal();
const aBot = decideBots(dynamo);

/** STRICT_FILLS with a thin book: five levels of 0.2 % of the last candle's volume each. */
const THIN_BOOK = { ...STRICT_FILLS, marketDepth: { levels: 5, levelTicks: 2, levelVolumeFraction: '0.002' } };

describe('Function: decide, on a venue whose book runs out (STRICT_FILLS, thin)', () => {
  it('opens a market entry that ended EXPIRED part-filled on what filled, books its fills in the same commit, and rests its stop for it', async () => {
    const bot = await aBot({ ...everyCandleLtcConfig('xpbot'), execution: { stops: 'exchange' } }, { fills: THIN_BOOK });

    expect(await bot.deliver(10)).toEqual({ batchItemFailures: [] });

    // The plan sized 17.541 LTC; five levels of 1.01 (0.2 % of candle 10's 505.20484758) filled and the venue expired the rest.
    const [entryAtVenue, stopAtVenue] = bot.sim.orders();
    expect(bot.sim.orders()).toHaveLength(2);
    expect(entryAtVenue).toMatchObject({ type: 'MARKET', status: 'EXPIRED', origQty: '17.541', executedQty: '5.05', cummulativeQuoteQty: '0.0863655' });
    expect(stopAtVenue).toMatchObject({ clientOrderId: entryAtVenue!.clientOrderId.replace(/-e0$/, '-s0'), type: 'STOP_LOSS_LIMIT', status: 'NEW', origQty: '5.044', stopPrice: '0.01693101' });
    expect(bot.sim.balances()).toEqual({ BTC: { free: '0.9136345', locked: '0' }, LTC: { free: '0.00095', locked: '5.044' } });

    // The ledger, committed by that one decision: the order as the venue ended it, its five fills, and the plan open on them.
    expect(await bot.orders.getOrder(entryAtVenue!.clientOrderId)).toMatchObject({ status: 'expired', amount: '17.541', filled: '5.05' });
    const fills = ((await dynamo.client.send(new ScanCommand({ TableName: bot.tables.fills }))).Items ?? []) as Fill[];
    expect(fills.map((f) => [f.clientOrderId, f.price, f.amount, f.cost, f.fee.cost, f.fee.currency]).sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual([
      [entryAtVenue!.clientOrderId, '0.01710204', '1.01', '0.01727306', '0.00101', 'LTC'],
      [entryAtVenue!.clientOrderId, '0.01710206', '1.01', '0.01727308', '0.00101', 'LTC'],
      [entryAtVenue!.clientOrderId, '0.01710208', '1.01', '0.0172731', '0.00101', 'LTC'],
      [entryAtVenue!.clientOrderId, '0.0171021', '1.01', '0.01727312', '0.00101', 'LTC'],
      [entryAtVenue!.clientOrderId, '0.01710212', '1.01', '0.01727314', '0.00101', 'LTC'],
    ]);
    // The fills add up to the venue's balances: 1 − Σ cost = 0.9136345 BTC; Σ amount − Σ fee = 5.04495 LTC.
    expect(fills.reduce((btc, f) => btc.minus(f.cost), dec('1')).toFixed()).toBe('0.9136345');
    expect(fills.reduce((ltc, f) => ltc.plus(f.amount).minus(f.fee.cost), dec('0')).toFixed()).toBe('5.04495');
    const { livePlans } = await bot.ledger.load();
    expect(livePlans).toMatchObject([{ status: 'open', amount: '17.541', filledAmount: '5.04495', avgEntryPrice: '0.01710208', restingStop: { attempt: 0, stopPrice: '0.01693101', amount: '5.044' } }]);
  });
});
