import { describe, expect, it } from 'vitest';
import { formatNotification } from '../../../../lib/services/notifications/formatNotification.js';
import { type ChangedItem, notificationsFromChanges } from '../../../../lib/services/notifications/notificationsFromChanges.js';

const T0 = Date.UTC(2026, 11, 3, 10, 0);
const proposal = (symbol: string) => ({ symbol, side: 'long', entry: 0.0012, stop: 0.0011, target: 0.0015, reason: 'ema 9/21 crossed up' });
const decision = (symbol: string, decidedAt: number, verdicts: unknown[]): ChangedItem => ({
  table: 'telemetry',
  newItem: { pk: `DECISION#${symbol}#5m`, sk: String(decidedAt), kind: 'decision', symbol, decidedAt, verdicts, exits: [], orders: [] },
});
const rejected = (symbol: string, rejection: unknown) => ({ proposal: proposal(symbol), approved: false, rejection });

describe('Function: notificationsFromChanges', () => {
  it("tells an approved entry of a record that kept no rounded levels with its proposal's, as stored", () => {
    const [entry] = notificationsFromChanges([decision('LTC/BTC', T0, [{ proposal: proposal('LTC/BTC'), approved: true, planId: 'p1', amount: '12.5' }])]);

    expect(entry).toEqual({ kind: 'entry', symbol: 'LTC/BTC', side: 'long', planId: 'p1', amount: '12.5', entry: '0.0012', stop: '0.0011', target: '0.0015', reason: 'ema 9/21 crossed up' });
  });

  it("tells the levels the plan trades at, rounded to the tick, not the strategy's floats", () => {
    const raw = { symbol: 'LTC/BTC', side: 'long', entry: 0.017114, stop: 0.016902837373712714, target: 0.017536325252574574, reason: 'ema 12/26 crossed up' };
    const levels = { entry: '0.017114', stop: '0.01690283', target: '0.01753632' };
    const [entry] = notificationsFromChanges([decision('LTC/BTC', T0, [{ proposal: raw, approved: true, planId: 'p2', amount: '17.5295', levels }])]);

    expect(entry).toMatchObject({ kind: 'entry', entry: '0.017114', stop: '0.01690283', target: '0.01753632' });
    expect(formatNotification('bot', entry!)).toContain('stop 0.01690283, target 0.01753632');
  });

  it("folds a batch's risk rejections into one digest by reason, not one per candle", () => {
    const changes = [
      decision('LTC/BTC', T0, [rejected('LTC/BTC', { code: 'max_open_plans', open: 3, limit: 3 })]),
      decision('ETH/BTC', T0 + 60_000, [rejected('ETH/BTC', { code: 'max_open_plans', open: 3, limit: 3 })]),
      decision('LTC/BTC', T0 + 120_000, [rejected('LTC/BTC', { code: 'reward_to_risk', ratio: '1.2', minimum: '1.5' }), rejected('LTC/BTC', { code: 'max_open_plans', open: 3, limit: 3 })]),
    ];

    const notifications = notificationsFromChanges(changes);

    expect(notifications).toEqual([
      {
        kind: 'rejections',
        from: T0,
        to: T0 + 120_000,
        byReason: {
          max_open_plans: { count: 3, symbols: ['LTC/BTC', 'ETH/BTC'], example: '3 plans open, limit 3' },
          reward_to_risk: { count: 1, symbols: ['LTC/BTC'], example: 'reward/risk 1.2 below 1.5' },
        },
      },
    ]);
    expect(formatNotification('trader', notifications[0]!)).toMatch(/^\[trader\] risk rejections 2026-12-03 10:00 – 2026-12-03 10:02 UTC\nmax_open_plans ×3 \(LTC\/BTC, ETH\/BTC\): 3 plans open, limit 3\nreward_to_risk ×1/);
  });

  it("tells a closed plan as an exit of the position's size with its exact PnL, a stop as a stop-out, and ignores a rejected plan", () => {
    // A closed plan's filledAmount is what it still held when it closed: the dust written off.
    const closed = { id: 'p1', symbol: 'LTC/BTC', status: 'closed', exitReason: 'stop', amount: '12.5', filledAmount: '0.0000005', avgEntryPrice: '0.0012', avgExitPrice: '0.0011', realizedPnl: '-0.00125', feesPaid: '0.0000275' };

    const notifications = notificationsFromChanges([
      { table: 'plans', newItem: closed },
      { table: 'plans', newItem: { id: 'p2', symbol: 'LTC/BTC', status: 'rejected' } },
    ]);

    expect(notifications).toEqual([{ kind: 'exit', symbol: 'LTC/BTC', planId: 'p1', exitReason: 'stop', amount: '12.5', avgEntryPrice: '0.0012', avgExitPrice: '0.0011', realizedPnl: '-0.00125', fees: '0.0000275' }]);
    expect(formatNotification('trader', notifications[0]!)).toBe('[trader] EXIT LTC/BTC 12.5: stopped out\n0.0012 → 0.0011\nPnL -0.00125 (fees 0.0000275) (plan p1)');
  });

  it("sends a day's summary once: on the first roll-up written after the day ended", () => {
    const dayEnd = Date.UTC(2026, 11, 3);
    const stats = (rolledUpAt: number) => ({ pk: 'STATS', sk: 'DAY#2026-12-02', kind: 'dailyStats', day: '2026-12-02', trades: 3, wins: 2, losses: 1, bySymbol: {}, byQuote: { BTC: { trades: 3, wins: 2, losses: 1, realizedPnl: '0.00042', fees: '0.00003' } }, rolledUpAt });

    const during = notificationsFromChanges([{ table: 'telemetry', newItem: stats(dayEnd - 1), oldItem: stats(dayEnd - 3_600_001) }]);
    const first = notificationsFromChanges([{ table: 'telemetry', newItem: stats(dayEnd + 60_000), oldItem: stats(dayEnd - 1) }]);
    const again = notificationsFromChanges([{ table: 'telemetry', newItem: stats(dayEnd + 3_660_000), oldItem: stats(dayEnd + 60_000) }]);

    expect(during).toEqual([]);
    expect(first).toEqual([{ kind: 'dailySummary', day: '2026-12-02', trades: 3, wins: 2, losses: 1, pnlByQuote: { BTC: '0.00042' }, feesByQuote: { BTC: '0.00003' } }]);
    expect(again).toEqual([]);
  });

  it('tells kill-switch changes and flattens from the bot-actions records, and ignores heartbeats', () => {
    const notifications = notificationsFromChanges([
      { table: 'telemetry', newItem: { kind: 'action', action: 'killSwitch', time: T0, state: 'HALT', note: 'recorded; decide reads the switch before every order' } },
      { table: 'telemetry', newItem: { kind: 'action', action: 'flatten', time: T0, outcome: 'flattened', plans: [{}, {}], orders: [{}] } },
      { table: 'telemetry', newItem: { kind: 'heartbeat', time: T0 } },
    ]);

    expect(notifications).toEqual([
      { kind: 'killSwitch', state: 'HALT', time: T0, detail: 'recorded; decide reads the switch before every order' },
      { kind: 'reconciliation', outcome: 'flatten', time: T0, detail: 'flattened: 2 plan(s), 1 order(s)' },
    ]);
  });

  it('never repeats an item the stream shows again as a change (a decision record is written once)', () => {
    const item = decision('LTC/BTC', T0, [{ proposal: proposal('LTC/BTC'), approved: true, planId: 'p1', amount: '1' }]);
    expect(notificationsFromChanges([{ ...item, oldItem: item.newItem }])).toEqual([]);
  });
});
