import { equityQuoteCurrency } from '../../services/portfolio/valueEquity.js';
import { summaryLine } from '../../runtime/backtest/report/summaryLine.js';
import { LocalSession } from './LocalSession.js';
import type { StartArgs } from './parseStartArgs.js';
import { ProgressReporter, progressLine } from './progressLine.js';

export interface RunLocalIo {
  readonly stopRequested: () => boolean;
  readonly print: (line: string) => void;
}

/**
 * The local run end to end: open, reconcile, run the schedules with the progress line,
 * write the report, print the summary; everything it started is stopped on every path.
 */
export async function runLocal(args: StartArgs, io: RunLocalIo): Promise<'reachedEnd' | 'stopped'> {
  let progress: ProgressReporter | undefined;
  // One line a notification, as the loopback Telegram Bot API received it; the progress line is ended first.
  const onNotification = (text: string) => {
    progress?.done();
    io.print(`telegram: ${text.split('\n').join(' | ')}`);
  };
  const session = await LocalSession.open({ args, onNotification });
  try {
    const { bot } = session;
    const { config } = bot;
    io.print(`local bot ${config.botId}: ${config.mode} on ${config.symbols.map((s) => `${s.symbol} ${s.timeframe}`).join(', ')}, strategy ${config.strategy.name}`);
    if (config.mode === 'shadow') io.print('shadow only: the main strategy decides as the shadow "main" on a virtual book; no order is sent');
    if (config.shadow.length > 0) io.print(`shadows: ${config.shadow.map((s) => `${s.id} (${s.strategy})`).join(', ')}, on virtual books; they send no order`);
    io.print(`log: ${session.logPath}; kill switch: npm run kill-switch -- HALT (in another terminal)`);
    const reconciled = await session.reconcileAtStart();
    io.print(`reconciliation at start: ${reconciled?.status ?? 'not run'}${reconciled?.error !== undefined ? ` (${reconciled.error})` : ''}`);
    progress = new ProgressReporter();
    const quoteCurrency = equityQuoteCurrency(config.symbols);
    const show = (force: boolean) => {
      const t = bot.telemetry;
      progress?.show(
        progressLine({
          time: bot.clock.now(),
          from: session.window.from,
          to: session.window.to,
          candles: t.decisionCount,
          openPlans: t.openPlans,
          ...(t.equity.length > 0 ? { equity: t.equity.at(-1)![1] } : {}),
          realizedPnl: t.realizedPnl,
          quoteCurrency,
          killSwitch: bot.killSwitch,
          errors: t.errors.length,
        }),
        force,
      );
    };
    const outcome = await session.run({ speed: args.speed, stopRequested: io.stopRequested, onStep: () => show(false) });
    show(true);
    progress.done();
    progress = undefined;
    const { report, htmlPath, jsonPath } = await session.finish();
    io.print(summaryLine(report));
    const t = bot.telemetry;
    io.print(`decisions ${t.decisionCount}, orders ${report.ordersSent}, open plans ${report.openPlans}, dead letters ${bot.queue.deadLettered.length}, errors logged ${t.errors.length}`);
    io.print(`report: ${htmlPath} (data: ${jsonPath}); log: ${session.logPath}`);
    return outcome;
  } finally {
    await session.close();
  }
}
