import type * as z from 'zod';
import { diffSnapshots } from '../../../services/reconciliation/diffSnapshots.js';
import type { ActionRepair, Finding } from '../../../services/reconciliation/findings.js';
import type { ExchangeSnapshot, LedgerSnapshot } from '../../../services/reconciliation/snapshots.js';
import type { BotConfig } from '../../../domain/botConfig.js';
import type { Logger } from '../../../ports/Logger.js';
import { driftGraceMs } from '../heartbeat/checkDrift.js';
import type { DiffStepInputSchema } from './stepSchemas.js';

export interface DiffResult {
  readonly round: number;
  readonly findings: readonly Finding[];
  readonly repairs: readonly ActionRepair[];
  readonly needsRepair: boolean;
  readonly halt?: string;
}

/** The diff of two snapshots under the bot's configuration, as the state machine's Choice reads it. */
export function diffRound(config: BotConfig, now: number, round: number, exchange: ExchangeSnapshot, ledger: LedgerSnapshot, logger: Logger): DiffResult {
  const diff = diffSnapshots({
    botId: config.botId,
    now,
    graceMs: driftGraceMs(config),
    decidedSeries: new Set(config.symbols.map((s) => `${s.symbol}#${s.timeframe}`)),
    settings: config.reconciliation,
    exchange,
    ledger,
  });
  for (const finding of diff.findings) logger.warn({ round, finding: finding.kind, symbol: finding.symbol, planId: finding.planId, clientOrderId: finding.clientOrderId, repair: finding.repair.kind, detail: finding.detail }, 'reconciliation finding');
  logger.info({ round, findings: diff.findings.length, repairs: diff.repairs.length, halt: diff.halt }, 'reconciliation diff');
  return { round, findings: diff.findings, repairs: diff.repairs, needsRepair: diff.repairs.length > 0, ...(diff.halt !== undefined ? { halt: diff.halt } : {}) };
}

/** The Diff step: pure, on the snapshots the Parallel state passed in. */
export function diffStep(deps: { config: BotConfig; clock: { now(): number }; logger: Logger }, input: z.output<typeof DiffStepInputSchema>): DiffResult {
  return diffRound(deps.config, deps.clock.now(), input.round, input.exchange, input.ledger, deps.logger);
}
