import * as z from 'zod';

/**
 * What invoked heartbeat:
 * - `scheduled`: EventBridge Scheduler's default notification (`detail-type` "Scheduled Event",
 *   source `aws.scheduler`; an EventBridge rule's `aws.events` one is taken too);
 * - `killSwitchChanged`: the `aws.ssm` "Parameter Store Change" event that KillSwitchTrigger
 *   (cdk/constructs/KillSwitchTrigger.ts) sends on every Create or Update of the parameter.
 *   The event names the parameter but never carries its value: the value is read again.
 * - anything else is `unknown`: logged and ignored, never acted on.
 */
export type HeartbeatEvent =
  | { readonly kind: 'scheduled'; readonly id: string }
  | { readonly kind: 'killSwitchChanged'; readonly id: string; readonly time: string; readonly parameterName: string; readonly operation: string }
  | { readonly kind: 'unknown'; readonly description: string };

const EnvelopeSchema = z.object({
  id: z.string().min(1),
  'detail-type': z.string(),
  source: z.string(),
  time: z.string().default(''),
  detail: z.unknown().optional(),
});
const ParameterChangeSchema = z.object({ name: z.string().min(1), operation: z.string().min(1) });
const SCHEDULED_SOURCES = new Set(['aws.scheduler', 'aws.events']);

export function classifyHeartbeatEvent(event: unknown): HeartbeatEvent {
  const envelope = EnvelopeSchema.safeParse(event);
  if (!envelope.success) return { kind: 'unknown', description: describe(event) };
  const { id, source, time, detail } = envelope.data;
  const detailType = envelope.data['detail-type'];
  if (detailType === 'Scheduled Event' && SCHEDULED_SOURCES.has(source)) return { kind: 'scheduled', id };
  if (source === 'aws.ssm' && detailType === 'Parameter Store Change') {
    const change = ParameterChangeSchema.safeParse(detail);
    if (change.success) return { kind: 'killSwitchChanged', id, time, parameterName: change.data.name, operation: change.data.operation };
  }
  return { kind: 'unknown', description: `${source} / ${detailType}` };
}

/** Parameter names compared without a leading slash, which consoles and events write either way. */
export function isSameParameter(a: string, b: string): boolean {
  return a.replace(/^\//, '') === b.replace(/^\//, '');
}

function describe(event: unknown): string {
  if (event === null || typeof event !== 'object') return typeof event;
  return `object with keys ${Object.keys(event).slice(0, 8).join(', ') || '(none)'}`;
}
