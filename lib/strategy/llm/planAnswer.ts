import * as z from 'zod';

/**
 * The answer the model must give, as one structured object (a Bedrock tool's input, or an
 * OpenAI `json_schema` response). Every field is required, nullable where `none` leaves it
 * empty, so the same schema is valid in OpenAI's strict mode. There is no amount: the model
 * never sizes.
 */
export const PlanAnswerSchema = z.strictObject({
  action: z.enum(['enter', 'none']),
  entry: z.number().nullable(),
  stop: z.number().nullable(),
  target: z.number().nullable(),
  /** Probability the target is reached before the stop: the proposal's pWin. */
  confidence: z.number().min(0).max(1),
  /** Candles the plan may stay open. */
  horizonCandles: z.number().int().min(1).max(1000).nullable(),
  reason: z.string().min(1).max(500),
});
export type PlanAnswer = z.output<typeof PlanAnswerSchema>;

export const PLAN_TOOL_NAME = 'propose_plan';

/** The schema in JSON Schema form, as both providers take it. */
export const PLAN_ANSWER_JSON_SCHEMA: Record<string, unknown> = (() => {
  // Without `$schema`: Bedrock's tool schema and OpenAI's strict mode take the schema body alone.
  const schema = { ...(z.toJSONSchema(PlanAnswerSchema, { target: 'draft-7' }) as Record<string, unknown>) };
  delete schema.$schema;
  return schema;
})();
