import { describe, expect, it } from 'vitest';
import { parseBotCommand } from '../../../../lib/domain/botCommand.js';
import type { DailyStats } from '../../../../lib/domain/dailyStats.js';
import { profitView } from '../../../../lib/services/botViews/profitView.js';
import { statusView } from '../../../../lib/services/botViews/statusView.js';
import { tradesView } from '../../../../lib/services/botViews/ledgerViews.js';
import { aPlan } from '../../../support/planFixture.js';

const tally = (realizedPnl: string, fees = '0') => ({ trades: 1, wins: 0, losses: 0, realizedPnl, fees });

describe('Function: profitView', () => {
  it('sums realized PnL exactly per quote currency over today, the 7 days ending today, and all time', () => {
    const now = Date.parse('2026-03-08T23:59:59Z');
    const stats: DailyStats[] = [
      { day: '2026-03-08', trades: 2, wins: 1, losses: 1, bySymbol: {}, byQuote: { BTC: { ...tally('0.1'), trades: 2 }, USDT: tally('0.3') } },
      { day: '2026-03-02', trades: 1, wins: 1, losses: 0, bySymbol: {}, byQuote: { BTC: tally('0.2', '0.01') } },
      // Eight days back: all time only.
      { day: '2026-03-01', trades: 1, wins: 0, losses: 1, bySymbol: {}, byQuote: { BTC: tally('-0.7') } },
    ];

    expect(profitView(stats, now).rows).toEqual([
      ['BTC', '+0.1', '+0.3', '-0.4', '4', '0.01'],
      ['USDT', '+0.3', '+0.3', '+0.3', '1', '0'],
    ]);
  });

  it('says there is no trade yet when no roll-up exists', () => {
    expect(profitView([], 0)).toMatchObject({ rows: [], empty: expect.stringContaining('No closed trade') as string });
  });
});

describe('Function: statusView', () => {
  it('values a long and a short at the latest price, exactly, and shows - without a fill or a price', () => {
    const plans = [aPlan({ id: 'l', filledAmount: '0.3', avgEntryPrice: '0.1' }), aPlan({ id: 's', side: 'short', filledAmount: '0.3', avgEntryPrice: '0.1' }), aPlan({ id: 'n', status: 'entering', filledAmount: '0' }), aPlan({ id: 'x', symbol: 'LTC/BTC' })];

    const rows = statusView(plans, new Map([['ETH/BTC', '0.1001']])).rows;

    expect(rows.map((r) => [r[0], r[7]])).toEqual([
      ['l', '+0.00003'],
      ['s', '-0.00003'],
      ['n', '-'],
      ['x', '-'],
    ]);
  });
});

describe('Function: parseBotCommand', () => {
  it('reads a command with its bot name and arguments, in any letter case', () => {
    expect(parseBotCommand('/Flatten@trader_bot  CONFIRM ')).toEqual({ name: 'flatten', args: ['CONFIRM'] });
  });

  it('names what was typed when it is no command of ours', () => {
    expect(parseBotCommand('/rm -rf')).toEqual({ unknown: '/rm' });
    expect(parseBotCommand('hello')).toEqual({ unknown: 'hello' });
    expect(parseBotCommand('/constructor')).toEqual({ unknown: '/constructor' });
  });
});

describe('Function: tradesView', () => {
  it("shows a closed trade's size as its entry told it, not the dust it held when it closed, newest first", () => {
    const older = aPlan({ id: 'a', status: 'closed', amount: '5', filledAmount: '0.00000005', avgEntryPrice: '0.1', avgExitPrice: '0.095', realizedPnl: '-0.0255', exitReason: 'stop', closedAt: Date.UTC(2026, 2, 1, 10, 0) });
    const newer = aPlan({ id: 'b', status: 'closed', amount: '2.5', filledAmount: '0', avgEntryPrice: '0.1', avgExitPrice: '0.105', realizedPnl: '0.0122', exitReason: 'target', closedAt: Date.UTC(2026, 2, 1, 11, 0) });

    const rows = tradesView([older, newer]).rows;

    expect(rows.map((r) => [r[3], r[7]])).toEqual([
      ['2.5', 'target'],
      ['5', 'stop'],
    ]);
  });
});
