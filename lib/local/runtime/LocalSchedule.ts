import { SCHEDULE_OFFSET_MS } from '../../domain/scheduleOffset.js';

export const SCHEDULED_FUNCTIONS = ['capture', 'heartbeat', 'maintenance'] as const;
export type ScheduledFunction = (typeof SCHEDULED_FUNCTIONS)[number];


/**
 * The stack's EventBridge schedules on the local clock: each function runs every `everyMs`,
 * at a few seconds past each multiple of its period, the first time at or after `start`.
 * A run that the clock went past is not run late: as in AWS (maxEventAge = the period), the
 * next one does its work.
 */
export class LocalSchedule {
  private readonly next = new Map<ScheduledFunction, number>();

  constructor(
    start: number,
    private readonly everyMs: Readonly<Record<ScheduledFunction, number>>,
  ) {
    for (const fn of SCHEDULED_FUNCTIONS) this.next.set(fn, firstRunAtOrAfter(start, everyMs[fn]));
  }

  /** When the next run of any function is due. */
  nextRunAt(): number {
    return Math.min(...this.next.values());
  }

  /** The functions due at `time`, in the order capture, heartbeat, maintenance; each moves on to its next run after `time`. */
  takeDue(time: number): ScheduledFunction[] {
    const due: ScheduledFunction[] = [];
    for (const fn of SCHEDULED_FUNCTIONS) {
      const at = this.next.get(fn)!;
      if (at > time) continue;
      due.push(fn);
      this.next.set(fn, firstRunAtOrAfter(time + 1, this.everyMs[fn]));
    }
    return due;
  }
}

function firstRunAtOrAfter(time: number, everyMs: number): number {
  return Math.ceil((time - SCHEDULE_OFFSET_MS) / everyMs) * everyMs + SCHEDULE_OFFSET_MS;
}
