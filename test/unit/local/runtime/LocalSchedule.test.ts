import { describe, expect, it } from 'vitest';
import { LocalSchedule } from '../../../../lib/local/runtime/LocalSchedule.js';

/** 2026-01-01 00:00 UTC: a multiple of every period below. */
const T0 = Date.UTC(2026, 0, 1);
const EVERY = { capture: 60_000, heartbeat: 300_000, maintenance: 3_600_000 } as const;

describe('Class: LocalSchedule', () => {
  it('runs each function first 5 s past the first multiple of its period at or after the start', () => {
    const schedule = new LocalSchedule(T0 + 7_000, EVERY);

    expect(schedule.nextRunAt()).toBe(T0 + 65_000);
    expect(schedule.takeDue(T0 + 64_999)).toEqual([]);
    expect(schedule.takeDue(T0 + 65_000)).toEqual(['capture']);
    expect(schedule.nextRunAt()).toBe(T0 + 125_000);
    expect(schedule.takeDue(T0 + 304_999)).toEqual(['capture']);
    expect(schedule.takeDue(T0 + 305_000)).toEqual(['capture', 'heartbeat']);
    expect(schedule.takeDue(T0 + 3_604_999)).toEqual(['capture', 'heartbeat']);
    expect(schedule.takeDue(T0 + 3_605_000)).toEqual(['capture', 'heartbeat', 'maintenance']);
  });

  it('counts a start exactly on a run time as that run', () => {
    const schedule = new LocalSchedule(T0 + 5_000, EVERY);

    expect(schedule.nextRunAt()).toBe(T0 + 5_000);
    expect(schedule.takeDue(T0 + 5_000)).toEqual(['capture', 'heartbeat', 'maintenance']);
  });

  it('gives the due functions in the order capture, heartbeat, maintenance and moves each to its next run', () => {
    const schedule = new LocalSchedule(T0 + 5_000, EVERY);
    expect(schedule.takeDue(T0 + 5_000)).toEqual(['capture', 'heartbeat', 'maintenance']);

    // Nothing is due twice at the same time.
    expect(schedule.takeDue(T0 + 5_000)).toEqual([]);
    expect(schedule.nextRunAt()).toBe(T0 + 65_000);
    expect(schedule.takeDue(T0 + 65_000)).toEqual(['capture']);
    // Capture's runs until heartbeat's next one at T0 + 305 s.
    for (let minute = 2; minute <= 5; minute++) {
      expect(schedule.nextRunAt()).toBe(T0 + minute * 60_000 + 5_000);
      expect(schedule.takeDue(T0 + minute * 60_000 + 5_000)).toEqual(minute === 5 ? ['capture', 'heartbeat'] : ['capture']);
    }
    expect(schedule.nextRunAt()).toBe(T0 + 365_000);
  });

  it('runs each function once when the clock jumps past several of its runs, the next run after the jump', () => {
    const schedule = new LocalSchedule(T0 + 5_000, EVERY);
    expect(schedule.takeDue(T0 + 5_000)).toEqual(['capture', 'heartbeat', 'maintenance']);

    const jump = T0 + 2 * 3_600_000 + 30_000;
    expect(schedule.takeDue(jump)).toEqual(['capture', 'heartbeat', 'maintenance']);
    expect(schedule.takeDue(jump)).toEqual([]);
    expect(schedule.nextRunAt()).toBe(T0 + 7_265_000);

    expect(schedule.takeDue(T0 + 7_265_000)).toEqual(['capture']);
    expect(schedule.takeDue(T0 + 7_504_999)).toEqual(['capture']);
    expect(schedule.takeDue(T0 + 7_505_000)).toEqual(['capture', 'heartbeat']);
    expect(schedule.takeDue(T0 + 10_804_999)).toEqual(['capture', 'heartbeat']);
    expect(schedule.takeDue(T0 + 10_805_000)).toEqual(['capture', 'heartbeat', 'maintenance']);
  });

  it('tells the earliest next run over all functions', () => {
    const schedule = new LocalSchedule(T0 + 5_000, { capture: 3_600_000, heartbeat: 300_000, maintenance: 600_000 });
    schedule.takeDue(T0 + 5_000);

    expect(schedule.nextRunAt()).toBe(T0 + 305_000);
    expect(schedule.takeDue(T0 + 305_000)).toEqual(['heartbeat']);
    expect(schedule.nextRunAt()).toBe(T0 + 605_000);
    expect(schedule.takeDue(T0 + 605_000)).toEqual(['heartbeat', 'maintenance']);
    expect(schedule.nextRunAt()).toBe(T0 + 905_000);
  });
});
