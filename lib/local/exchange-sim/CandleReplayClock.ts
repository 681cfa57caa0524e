const TICK_MS = 20;

/**
 * The simulator's clock: it moves only when told to. advanceTo(t) hands every step to
 * `onAdvance(from, to)` (which matches orders against the candles crossed) before the
 * time moves; runAtSpeed(n) advances it in real time × n until stopRunning().
 */
export class CandleReplayClock {
  private time: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    start: number,
    private readonly onAdvance: (from: number, to: number) => void,
  ) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  advanceTo(time: number): void {
    if (!Number.isFinite(time)) throw new Error(`cannot advance the clock to ${time}`);
    if (time < this.time) throw new Error(`the clock cannot go back from ${this.time} to ${time}`);
    if (time === this.time) return;
    this.onAdvance(this.time, time);
    this.time = time;
  }

  runAtSpeed(speed: number): void {
    if (!(speed > 0)) throw new Error(`speed must be positive, got ${speed}`);
    this.stopRunning();
    const wallStart = Date.now();
    const simStart = this.time;
    this.timer = setInterval(() => this.advanceTo(Math.max(this.time, Math.floor(simStart + (Date.now() - wallStart) * speed))), TICK_MS);
    this.timer.unref();
  }

  stopRunning(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }
}
