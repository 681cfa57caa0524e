import { GetParameterCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { join } from 'node:path';
import { InvalidInputError } from '../../domain/errors.js';
import { type RuntimeConfig, RuntimeConfigSchema } from '../../domain/runtimeConfig.js';
import { parseWith } from '../../domain/validation.js';
import { checkStrategyConfig } from '../../strategy/checkStrategyConfig.js';
import { readJsonFile } from '../readJsonFile.js';
import type { RunSummaryFile } from './optimizeSearch.js';

export interface PromoteOptions {
  readonly runId: string;
  readonly outDir: string;
  readonly client: SSMClient;
  readonly parameterName: string;
  /** Shown the out-of-sample record and the new document; true only when the operator says yes. */
  readonly confirm: (record: string) => Promise<boolean>;
}

/**
 * Writes a run's winner into the runtime-config parameter: its strategy params and risk
 * limits over the document already there, validated as the bot will validate it, after the
 * operator has seen the out-of-sample record and said yes. Never called by a search.
 */
export async function promoteRun(options: PromoteOptions): Promise<RuntimeConfig | undefined> {
  if (!/^[0-9a-f]{12}$/.test(options.runId)) throw new InvalidInputError('RUN_ID', `${JSON.stringify(options.runId)} is not a run id (12 hex digits, the directory name under --out)`);
  const summary = (await readJsonFile(join(options.outDir, options.runId, 'summary.json'))) as RunSummaryFile;
  const winner = summary.winner;
  if (!winner) throw new InvalidInputError(options.runId, 'has no winner: no trial completed every fold');
  const current = (await options.client.send(new GetParameterCommand({ Name: options.parameterName }))).Parameter?.Value;
  if (current === undefined) throw new InvalidInputError(options.parameterName, 'has no value');
  const deployed = parseWith(RuntimeConfigSchema, JSON.parse(current) as unknown, options.parameterName);
  if (deployed.strategy.name !== summary.strategy) {
    throw new InvalidInputError(options.runId, `searched ${summary.strategy}, but the bot runs ${deployed.strategy.name}`);
  }
  const next = parseWith(
    RuntimeConfigSchema,
    { risk: { ...deployed.risk, ...winner.risk }, strategy: { name: summary.strategy, params: { ...deployed.strategy.params, ...winner.strategyParams } } },
    `run ${options.runId}`,
  );
  checkStrategyConfig(next.strategy, `run ${options.runId}`);
  if (!(await options.confirm(describeRecord(summary, next)))) return undefined;
  await options.client.send(new PutParameterCommand({ Name: options.parameterName, Value: JSON.stringify(next), Type: 'String', Overwrite: true }));
  return next;
}

export function describeRecord(summary: RunSummaryFile, next: RuntimeConfig): string {
  const winner = summary.winner;
  const lines = [`run ${summary.runId}: ${summary.strategy}, objective ${summary.objective}, ${summary.trials} trials`];
  if (winner) {
    lines.push(`winner (trial ${winner.id}): in-sample ${winner.inSampleScore.toFixed(4)}, out-of-sample ${winner.outOfSampleScore.toFixed(4)}`);
    for (const f of winner.folds) lines.push(`  fold ${f.fold}: in ${f.inSample.score.toFixed(4)} (${f.inSample.returnPct} %), out ${f.outOfSample.score.toFixed(4)} (${f.outOfSample.returnPct} %, ${f.outOfSample.trades} trades, max DD ${f.outOfSample.maxDrawdownPct.toFixed(2)} %)`);
  }
  lines.push('walk-forward (each fold\'s best in-sample trial, scored on the next window):');
  for (const f of summary.walkForward) lines.push(`  fold ${f.fold}: trial ${f.trialId}, in ${f.inSample.score.toFixed(4)}, out ${f.outOfSample.score.toFixed(4)}`);
  lines.push(`new runtime config: ${JSON.stringify(next)}`);
  return lines.join('\n');
}
