/**
 * How long after its period a scheduled function runs: the schedule fires on the minute
 * and the function starts a little after. Capture runs that long after a candle closes,
 * so a candle is decided that long after its close. The local runtime schedules by it and
 * the backtest decides at it, so both act at the moment the deployed bot does.
 */
export const SCHEDULE_OFFSET_MS = 5_000;
