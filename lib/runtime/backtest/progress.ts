import cliProgress from 'cli-progress';

export interface BacktestProgress {
  update(done: number, extra?: Readonly<Record<string, string | number>>): void;
  stop(): void;
}

/** update() runs once a candle, so it only looks at the clock every CHECK_EVERY candles. */
const CHECK_EVERY = 256;
const MIN_REDRAW_MS = 100;

const SILENT: BacktestProgress = { update: () => undefined, stop: () => undefined };

function formatExtra(extra: Readonly<Record<string, string | number>> | undefined): string {
  if (!extra) return '';
  return Object.entries(extra)
    .map(([key, value]) => ` | ${key} ${value}`)
    .join('');
}

/**
 * A progress bar over `total` candles on a terminal; on anything else (CI logs, a file)
 * it prints nothing, so logs stay clean. Call stop() at the end, also on failure: until
 * then the bar's redraw timer keeps the process alive.
 */
export function createProgress(
  total: number,
  options: { stream?: NodeJS.WriteStream; label?: string } = {},
): BacktestProgress {
  const stream = options.stream ?? process.stderr;
  if (!stream.isTTY) return SILENT;

  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{label} {bar} {percentage}% | {value}/{total} candles | {speed} candles/s | ETA {eta_formatted}{extra}',
      hideCursor: true,
      etaBuffer: 50,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  const startedAt = performance.now();
  let latest = 0;
  let lastChecked = 0;
  let lastDrawnAt = startedAt;
  let lastExtra: Readonly<Record<string, string | number>> | undefined;
  let stopped = false;
  bar.start(total, 0, { label: options.label ?? 'backtest', speed: 0, extra: '' });

  const draw = (done: number, now: number): void => {
    const seconds = (now - startedAt) / 1000;
    const speed = seconds > 0 ? Math.round(done / seconds) : 0;
    bar.update(done, { speed, extra: formatExtra(lastExtra) });
    lastDrawnAt = now;
  };

  return {
    update(done, extra) {
      if (stopped) return;
      latest = done;
      if (extra) lastExtra = extra;
      if (done - lastChecked < CHECK_EVERY && done < total) return;
      lastChecked = done;
      const now = performance.now();
      if (now - lastDrawnAt >= MIN_REDRAW_MS || done >= total) draw(done, now);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      draw(latest, performance.now());
      bar.stop();
    },
  };
}
