import { describe, expect, it } from 'vitest';
import { rollUpDay } from '../../../../../lib/runtime/lambda/maintenance/rollUpDay.js';
import { aPlan } from '../../../../support/planFixture.js';

const at = (iso: string) => Date.parse(iso);
const closed = (id: string, symbol: string, closedAt: string, realizedPnl: string, feesPaid: string) =>
  aPlan({ id, symbol, status: 'closed', closedAt: at(closedAt), updatedAt: at(closedAt), realizedPnl, feesPaid, exitReason: 'target' });

describe('Function: rollUpDay', () => {
  it("sums the day's closed trades exactly, per symbol and per quote currency", () => {
    const plans = [
      closed('a', 'ETH/BTC', '2024-01-02T00:00:00.000Z', '0.00012345', '0.0000201'),
      closed('b', 'ETH/BTC', '2024-01-02T13:14:15.000Z', '-0.0001', '0.00002'),
      closed('c', 'LTC/BTC', '2024-01-02T23:59:59.999Z', '0.00000001', '0.00000003'),
      closed('d', 'SOL/USDT', '2024-01-02T08:00:00.000Z', '0', '0.1'),
      closed('e', 'ETH/BTC', '2024-01-03T00:00:00.000Z', '1', '0.1'),
      closed('f', 'ETH/BTC', '2024-01-01T23:59:59.999Z', '1', '0.1'),
      aPlan({ id: 'g', status: 'cancelled', updatedAt: at('2024-01-02T10:00:00Z') }),
    ];
    expect(rollUpDay('2024-01-02', plans)).toEqual({
      day: '2024-01-02',
      trades: 4,
      wins: 2,
      losses: 1,
      bySymbol: {
        'ETH/BTC': { trades: 2, wins: 1, losses: 1, realizedPnl: '0.00002345', fees: '0.0000401' },
        'LTC/BTC': { trades: 1, wins: 1, losses: 0, realizedPnl: '0.00000001', fees: '0.00000003' },
        'SOL/USDT': { trades: 1, wins: 0, losses: 0, realizedPnl: '0', fees: '0.1' },
      },
      byQuote: {
        BTC: { trades: 3, wins: 2, losses: 1, realizedPnl: '0.00002346', fees: '0.00004013' },
        USDT: { trades: 1, wins: 0, losses: 0, realizedPnl: '0', fees: '0.1' },
      },
    });
  });

  it('is empty on a day without trades', () => {
    expect(rollUpDay('2024-01-02', [])).toEqual({ day: '2024-01-02', trades: 0, wins: 0, losses: 0, bySymbol: {}, byQuote: {} });
  });
});
