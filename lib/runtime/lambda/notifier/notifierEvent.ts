import { streamImage } from '../../../adapters/dynamodb/streamImage.js';
import type { TableNames } from '../../../adapters/dynamodb/tableDefinitions.js';
import type { BotNotification } from '../../../domain/notification.js';
import type { ChangedItem } from '../../../services/notifications/notificationsFromChanges.js';

/** A DynamoDB stream record or an SNS record (CloudWatch alarms), as the notifier receives them. */
interface NotifierRecord {
  readonly eventSource?: string;
  readonly EventSource?: string;
  readonly eventName?: string;
  readonly eventSourceARN?: string;
  readonly dynamodb?: { readonly NewImage?: Record<string, unknown>; readonly OldImage?: Record<string, unknown> };
  readonly Sns?: { readonly Message?: string; readonly Timestamp?: string };
}

export interface NotifierInput {
  readonly changes: ChangedItem[];
  readonly alarms: BotNotification[];
  /** Records of no known shape (logged, not sent). */
  readonly unreadable: number;
}

/** `arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>` → `<name>`. */
const tableOfStream = (arn: string | undefined) => /:table\/([^/]+)\/stream\//.exec(arn ?? '')?.[1];

/** Splits an invocation's records into changed items (by the bot's table names) and alarms. */
export function readNotifierEvent(event: unknown, tables: Pick<TableNames, 'telemetry' | 'plans'>): NotifierInput {
  const records = (typeof event === 'object' && event !== null && Array.isArray((event as { Records?: unknown }).Records) ? (event as { Records: NotifierRecord[] }).Records : []);
  const changes: ChangedItem[] = [];
  const alarms: BotNotification[] = [];
  let unreadable = 0;
  for (const record of records) {
    if (record.eventSource === 'aws:dynamodb') {
      const name = tableOfStream(record.eventSourceARN);
      const table = name === tables.telemetry ? 'telemetry' : name === tables.plans ? 'plans' : undefined;
      const image = record.dynamodb?.NewImage;
      if (table === undefined || image === undefined || record.eventName === 'REMOVE') {
        unreadable += table === undefined ? 1 : 0;
        continue;
      }
      const old = record.dynamodb?.OldImage;
      changes.push({ table, newItem: streamImage(image), ...(old ? { oldItem: streamImage(old) } : {}) });
    } else if (record.EventSource === 'aws:sns') {
      const alarm = readAlarm(record.Sns?.Message, record.Sns?.Timestamp);
      if (alarm) alarms.push(alarm);
      else unreadable += 1;
    } else {
      unreadable += 1;
    }
  }
  return { changes, alarms, unreadable };
}

/** CloudWatch's alarm message: JSON with AlarmName, NewStateValue, NewStateReason, StateChangeTime. */
function readAlarm(message: string | undefined, timestamp: string | undefined): BotNotification | undefined {
  try {
    const alarm = JSON.parse(message ?? '') as Record<string, unknown>;
    if (typeof alarm['AlarmName'] !== 'string') return undefined;
    const text = (key: string, fallback: string) => (typeof alarm[key] === 'string' ? (alarm[key]) : fallback);
    return { kind: 'alarm', name: alarm['AlarmName'], state: text('NewStateValue', '?'), reason: text('NewStateReason', ''), time: text('StateChangeTime', timestamp ?? '?') };
  } catch {
    return undefined;
  }
}
