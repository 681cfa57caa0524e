import { GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableNames } from '../../adapters/dynamodb/tableDefinitions.js';

type Image = Record<string, AttributeValue>;

/** A record as DynamoDB Streams hands it to a Lambda trigger (the part the notifier reads). */
export interface LocalStreamRecord {
  readonly eventSource: 'aws:dynamodb';
  readonly eventName: 'INSERT' | 'MODIFY';
  readonly eventSourceARN: string;
  readonly dynamodb: { readonly NewImage: Image; readonly OldImage?: Image };
}

/** The telemetry kinds the stack's event-source filter passes to the notifier. */
const NOTIFIED_KINDS = new Set(['decision', 'action', 'dailyStats']);

/**
 * The change streams of the telemetry and plans tables, for DynamoDB Local (which the npm
 * packages here reach without a Streams client): a middleware on the bot's client keeps every
 * item a successful PutItem or TransactWriteItems put into those tables, filtered as the
 * stack's event sources are (telemetry decisions, actions, daily roll-ups; closed plans). A
 * roll-up's old image is read before it is replaced: the daily summary compares the two. At
 * the build step the document client has marshalled the items, as a stream image holds them.
 */
export class LocalChangeFeed {
  private records: LocalStreamRecord[] = [];

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tables: Pick<TableNames, 'telemetry' | 'plans'>,
  ) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const name = context.commandName;
        const input = args.input as { TableName?: string; Item?: Image; TransactItems?: { Put?: { TableName?: string; Item?: Image } }[] };
        const puts = name === 'PutItemCommand' && input.Item ? [{ table: input.TableName ?? '', item: input.Item }] : name === 'TransactWriteItemsCommand' ? (input.TransactItems ?? []).flatMap((t) => (t.Put?.Item ? [{ table: t.Put.TableName ?? '', item: t.Put.Item }] : [])) : [];
        const watched = puts.filter(({ table, item }) => this.watched(table, item));
        const old = await Promise.all(watched.map(({ table, item }) => (item['kind']?.S === 'dailyStats' ? this.current(table, item) : Promise.resolve(undefined))));
        const result = await next(args);
        watched.forEach(({ table, item }, i) => this.records.push({ eventSource: 'aws:dynamodb', eventName: old[i] ? 'MODIFY' : 'INSERT', eventSourceARN: `arn:aws:dynamodb:local:000000000000:table/${table}/stream/local`, dynamodb: { NewImage: item, ...(old[i] ? { OldImage: old[i] } : {}) } }));
        return result;
      },
      { step: 'build', name: 'localChangeFeed' },
    );
  }

  /** The records since the last drain, oldest first. */
  drain(): LocalStreamRecord[] {
    const drained = this.records;
    this.records = [];
    return drained;
  }

  private watched(table: string, item: Image): boolean {
    if (table === this.tables.telemetry) return NOTIFIED_KINDS.has(item['kind']?.S ?? '');
    return table === this.tables.plans && item['status']?.S === 'closed';
  }

  private async current(table: string, item: Image): Promise<Image | undefined> {
    const key = { pk: item['pk']!, sk: item['sk']! };
    const found = (await this.client.send(new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }) as never)) as { Item?: Image };
    return found.Item;
  }
}
