import { PLAN_PROMPT_V1 } from './planPromptV1.js';
import { PLAN_PROMPT_V2 } from './planPromptV2.js';

export interface PlanPromptTemplate {
  readonly version: string;
  readonly system: string;
  readonly user: string;
}

/** Every shipped prompt template by version; `promptVersion` picks one, the newest by default. */
export const PLAN_PROMPTS = { 'plan-v1': PLAN_PROMPT_V1, 'plan-v2': PLAN_PROMPT_V2 } as const satisfies Record<string, PlanPromptTemplate>;
export type PlanPromptVersion = keyof typeof PLAN_PROMPTS;
export const PLAN_PROMPT_VERSIONS = Object.keys(PLAN_PROMPTS) as [PlanPromptVersion, ...PlanPromptVersion[]];
export const DEFAULT_PLAN_PROMPT: PlanPromptVersion = 'plan-v2';
