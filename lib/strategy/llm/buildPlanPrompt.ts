import { createHash } from 'node:crypto';
import type { MarketSnapshot } from '../marketSnapshot.js';
import { DEFAULT_PLAN_PROMPT, PLAN_PROMPTS, type PlanPromptTemplate } from './planPrompts.js';

export interface PlanPrompt {
  readonly version: string;
  readonly system: string;
  readonly prompt: string;
  /** SHA-256 (hex) of system and prompt: the key of a recorded answer. */
  readonly hash: string;
}

export const SNAPSHOT_BEGIN = 'SNAPSHOT BEGIN\n';
export const SNAPSHOT_END = '\nSNAPSHOT END';

/**
 * The prompt for one snapshot: the template's placeholders filled in, the snapshot as JSON.
 * The same snapshot always gives the same text, so its hash finds a recorded answer again.
 */
export function buildPlanPrompt(snapshot: MarketSnapshot, entryBand: number, template: PlanPromptTemplate = PLAN_PROMPTS[DEFAULT_PLAN_PROMPT]): PlanPrompt {
  const values: Readonly<Record<string, string>> = {
    symbol: snapshot.symbol,
    timeframe: snapshot.timeframe,
    lastPrice: String(snapshot.lastPrice),
    entryBandPercent: String(Number((entryBand * 100).toPrecision(6))),
    snapshot: JSON.stringify(snapshot),
  };
  const prompt = template.user.replace(/\{\{(\w+)\}\}/g, (match, key: string) => values[key] ?? match);
  const hash = createHash('sha256').update(template.system).update('\n\n').update(prompt).digest('hex');
  return { version: template.version, system: template.system, prompt, hash };
}

/** The snapshot a prompt carries, read back (the loopback model server answers from it). */
export function snapshotInPrompt(prompt: string): unknown {
  const begin = prompt.indexOf(SNAPSHOT_BEGIN);
  const end = prompt.lastIndexOf(SNAPSHOT_END);
  if (begin < 0 || end < begin) return undefined;
  try {
    return JSON.parse(prompt.slice(begin + SNAPSHOT_BEGIN.length, end)) as unknown;
  } catch {
    return undefined;
  }
}
