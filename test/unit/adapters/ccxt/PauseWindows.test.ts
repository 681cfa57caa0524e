import { describe, expect, it } from 'vitest';
import { PauseWindows } from '../../../../lib/adapters/ccxt/PauseWindows.js';

const at = (iso: string) => Date.parse(iso);

describe('Class: PauseWindows', () => {
  it('pauses inside an absolute window, from inclusive to exclusive, given as ISO or ms', () => {
    const windows = new PauseWindows({ windows: [{ from: '2024-03-01T02:00:00Z', to: at('2024-03-01T04:00:00Z') }] });
    expect(windows.activeAt(at('2024-03-01T01:59:59Z'))).toBeUndefined();
    expect(windows.activeAt(at('2024-03-01T02:00:00Z'))).toBe('2024-03-01T02:00:00.000Z to 2024-03-01T04:00:00.000Z');
    expect(windows.activeAt(at('2024-03-01T04:00:00Z'))).toBeUndefined();
  });

  it('pauses in a daily UTC window, also one that wraps past midnight', () => {
    const daily = new PauseWindows({ dailyUtc: { from: '23:30', to: '00:30' } });
    expect(daily.activeAt(at('2024-03-01T23:29:00Z'))).toBeUndefined();
    expect(daily.activeAt(at('2024-03-01T23:45:00Z'))).toBe('daily 23:30-00:30 UTC');
    expect(daily.activeAt(at('2024-03-02T00:15:00Z'))).toBe('daily 23:30-00:30 UTC');
    expect(daily.activeAt(at('2024-03-02T00:30:00Z'))).toBeUndefined();
    const morning = new PauseWindows({ dailyUtc: { from: '06:00', to: '06:10' } });
    expect(morning.activeAt(at('2024-03-05T06:05:00Z'))).toBe('daily 06:00-06:10 UTC');
  });

  it('rejects a window that ends before it starts, or a malformed time', () => {
    expect(() => new PauseWindows({ windows: [{ from: 10, to: 5 }] })).toThrow(/to must be after from/);
    expect(() => new PauseWindows({ dailyUtc: { from: '25:00', to: '01:00' } })).toThrow(/HH:MM/);
  });

  it('pauses nothing by default', () => {
    expect(new PauseWindows().activeAt(0)).toBeUndefined();
  });
});
