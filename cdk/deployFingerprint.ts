import { createHash } from 'node:crypto';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import type { BotConfig } from '../lib/domain/botConfig.js';

/** The hash of a function's bundled code, as CDK staged it. */
function codeAssetHash(name: string, fn: IFunction): string {
  const asset = fn.node.findAll().find((child): child is Asset => child instanceof Asset);
  if (asset === undefined) throw new Error(`deployFingerprint: function ${name} has no code asset`);
  return asset.assetHash;
}

/**
 * 32 hex digits that change when any function's code or the bot configuration does, and
 * only then: what a deployment must be reconciled for.
 */
export function deployFingerprint(functions: Readonly<Record<string, IFunction>>, config: BotConfig): string {
  const code = Object.entries(functions)
    .map(([name, fn]): [string, string] => [name, codeAssetHash(name, fn)])
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256').update(JSON.stringify({ code, config })).digest('hex').slice(0, 32);
}
