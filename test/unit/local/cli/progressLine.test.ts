import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dec } from '../../../../lib/domain/decimal.js';
import { type ProgressState, ProgressReporter, progressLine } from '../../../../lib/local/cli/progressLine.js';

const FROM = Date.UTC(2026, 0, 2, 0, 0);

const WITHOUT_EQUITY: ProgressState = {
  // 3 h 4 min 30 s of 10 h: 30.75 %.
  time: Date.UTC(2026, 0, 2, 3, 4, 30),
  from: FROM,
  to: FROM + 10 * 3_600_000,
  candles: 120,
  openPlans: 2,
  realizedPnl: dec('0.0106229232336'),
  quoteCurrency: 'BTC',
  killSwitch: 'off',
  errors: 0,
};

const STATE: ProgressState = { ...WITHOUT_EQUITY, equity: dec('1.234567891') };

describe('Function: progressLine', () => {
  it('shows the simulated minute, the percentage done rounded down, and what the bot holds and made', () => {
    expect(progressLine(STATE)).toBe('2026-01-02 03:04 UTC 30% | 120 candles | 2 open plans | equity 1.23456789 BTC | realized +0.01062292 BTC | kill switch off');
  });

  it('shows a dash for an equity not known yet and a loss with its minus sign', () => {
    expect(progressLine({ ...WITHOUT_EQUITY, realizedPnl: dec('-0.00301084'), killSwitch: 'ON' })).toBe(
      '2026-01-02 03:04 UTC 30% | 120 candles | 2 open plans | equity - BTC | realized -0.00301084 BTC | kill switch ON',
    );
  });

  it('signs a zero realized PnL with a plus', () => {
    expect(progressLine({ ...STATE, realizedPnl: dec('0') })).toContain(' | realized +0 BTC | ');
  });

  it('adds the errors only when there are some', () => {
    expect(progressLine({ ...STATE, errors: 3 })).toBe(
      '2026-01-02 03:04 UTC 30% | 120 candles | 2 open plans | equity 1.23456789 BTC | realized +0.01062292 BTC | kill switch off | 3 errors (see bot.log)',
    );
  });

  it('shows no percentage for a run without an end', () => {
    expect(progressLine({ ...STATE, to: Infinity })).toBe('2026-01-02 03:04 UTC | 120 candles | 2 open plans | equity 1.23456789 BTC | realized +0.01062292 BTC | kill switch off');
  });

  it('shows 0% at the start and at most 100%', () => {
    expect(progressLine({ ...STATE, time: FROM })).toMatch(/^2026-01-02 00:00 UTC 0% \| /);
    expect(progressLine({ ...STATE, time: STATE.to - 1 })).toMatch(/^2026-01-02 09:59 UTC 99% \| /);
    expect(progressLine({ ...STATE, time: STATE.to })).toMatch(/^2026-01-02 10:00 UTC 100% \| /);
    expect(progressLine({ ...STATE, time: STATE.to + 3_600_000 })).toMatch(/^2026-01-02 11:00 UTC 100% \| /);
  });
});

interface FakeStream {
  readonly isTTY: boolean;
  readonly columns?: number;
  readonly written: string[];
  write(chunk: string): boolean;
}

function fakeStream(isTTY: boolean, columns?: number): FakeStream {
  const written: string[] = [];
  return {
    isTTY,
    ...(columns !== undefined ? { columns } : {}),
    written,
    write(chunk: string) {
      written.push(chunk);
      return true;
    },
  };
}

const reporterOn = (stream: FakeStream) => new ProgressReporter(stream as unknown as NodeJS.WriteStream);

const NOW = Date.UTC(2026, 0, 2, 12, 0);

describe('Class: ProgressReporter', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('prints a line at most every 15 seconds on a stream that is not a terminal, unless forced', () => {
    const stream = fakeStream(false);
    const reporter = reporterOn(stream);

    reporter.show('one');
    vi.setSystemTime(NOW + 14_999);
    reporter.show('two');
    expect(stream.written).toEqual(['one\n']);

    vi.setSystemTime(NOW + 15_000);
    reporter.show('three');
    expect(stream.written).toEqual(['one\n', 'three\n']);

    vi.setSystemTime(NOW + 20_000);
    reporter.show('four', true);
    // A forced line starts the 15 seconds again.
    vi.setSystemTime(NOW + 34_999);
    reporter.show('five');
    vi.setSystemTime(NOW + 35_000);
    reporter.show('six');
    expect(stream.written).toEqual(['one\n', 'three\n', 'four\n', 'six\n']);

    reporter.done();
    expect(stream.written).toEqual(['one\n', 'three\n', 'four\n', 'six\n']);
  });

  it('does not cut a long line on a stream that is not a terminal', () => {
    const stream = fakeStream(false, 20);
    const line = 'x'.repeat(300);
    reporterOn(stream).show(line);

    expect(stream.written).toEqual([`${line}\n`]);
  });

  it('redraws the line in place on a terminal, at most every 100 ms unless forced, and ends it on done', () => {
    const stream = fakeStream(true, 80);
    const reporter = reporterOn(stream);

    reporter.show('one');
    vi.setSystemTime(NOW + 99);
    reporter.show('two');
    vi.setSystemTime(NOW + 100);
    reporter.show('three');
    vi.setSystemTime(NOW + 150);
    reporter.show('four', true);
    expect(stream.written).toEqual(['\r\x1b[2Kone', '\r\x1b[2Kthree', '\r\x1b[2Kfour']);

    reporter.done();
    expect(stream.written).toEqual(['\r\x1b[2Kone', '\r\x1b[2Kthree', '\r\x1b[2Kfour', '\n']);
    // Nothing more to end.
    reporter.done();
    expect(stream.written).toHaveLength(4);
  });

  it('cuts the line to the width of the terminal, keeping at least 20 characters', () => {
    const line = 'abcdefghij'.repeat(30);

    const wide = fakeStream(true, 40);
    reporterOn(wide).show(line);
    expect(wide.written).toEqual([`\r\x1b[2K${line.slice(0, 39)}`]);

    const narrow = fakeStream(true, 10);
    reporterOn(narrow).show(line);
    expect(narrow.written).toEqual([`\r\x1b[2K${line.slice(0, 20)}`]);

    const unknownWidth = fakeStream(true);
    reporterOn(unknownWidth).show(line);
    expect(unknownWidth.written).toEqual([`\r\x1b[2K${line.slice(0, 199)}`]);
  });

  it('writes nothing on done when no line was drawn', () => {
    const stream = fakeStream(true, 80);
    reporterOn(stream).done();

    expect(stream.written).toEqual([]);
  });
});
