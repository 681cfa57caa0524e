import { createHash, randomUUID } from 'node:crypto';
import {
  BatchEntryIdsNotDistinct,
  type BatchResultErrorEntry,
  EmptyBatchRequest,
  type SendMessageBatchCommandInput,
  type SendMessageBatchCommandOutput,
  type SendMessageBatchResultEntry,
  type SendMessageCommandInput,
  type SendMessageCommandOutput,
  SQSClient,
  SQSServiceException,
  TooManyEntriesInBatchRequest,
} from '@aws-sdk/client-sqs';
import type { InProcessFifoQueue } from '../queue/InProcessFifoQueue.js';
import { answerLocally } from './answerLocally.js';

type Output<T> = Omit<T, '$metadata'>;

interface Message {
  readonly MessageBody?: string | undefined;
  readonly MessageGroupId?: string | undefined;
  readonly MessageDeduplicationId?: string | undefined;
}

type Sent = { readonly kind: 'sent'; readonly MessageId: string; readonly MD5OfMessageBody: string } | { readonly kind: 'missing'; readonly parameter: string };

/**
 * An SQS client whose SendMessage and SendMessageBatch put messages on the in-process FIFO
 * queue, answering as SQS does: a deduplication id seen within the window is reported sent
 * (and dropped by the queue); an entry without a group or deduplication id is a failed
 * entry with code MissingParameter (the queue has no content-based deduplication).
 */
export function localSqsClient(queue: InProcessFifoQueue, queueUrl: string): SQSClient {
  const client = new SQSClient({ region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

  const checkQueueUrl = (given: string | undefined) => {
    if (given !== queueUrl) throw new Error(`no local queue at ${given ?? '(no QueueUrl)'}: the local queue is ${queueUrl}`);
  };

  const send = (message: Message): Sent => {
    const missing = (['MessageBody', 'MessageGroupId', 'MessageDeduplicationId'] as const).find((parameter) => message[parameter] === undefined);
    if (missing !== undefined) return { kind: 'missing', parameter: missing };
    const body = message.MessageBody!;
    queue.send(message.MessageGroupId!, message.MessageDeduplicationId!, body);
    return { kind: 'sent', MessageId: randomUUID(), MD5OfMessageBody: createHash('md5').update(body).digest('hex') };
  };

  return answerLocally(client, {
    SendMessageCommand: (input: SendMessageCommandInput): Promise<Output<SendMessageCommandOutput>> => {
      checkQueueUrl(input.QueueUrl);
      const sent = send(input);
      if (sent.kind === 'missing') throw new SQSServiceException({ name: 'MissingParameter', $fault: 'client', message: missingMessage(sent.parameter), $metadata: {} });
      return Promise.resolve({ MessageId: sent.MessageId, MD5OfMessageBody: sent.MD5OfMessageBody });
    },
    SendMessageBatchCommand: (input: SendMessageBatchCommandInput): Promise<Output<SendMessageBatchCommandOutput>> => {
      checkQueueUrl(input.QueueUrl);
      const entries = input.Entries ?? [];
      if (entries.length === 0) throw new EmptyBatchRequest({ message: 'There should be at least one SendMessageBatchRequestEntry in the request.', $metadata: {} });
      if (entries.length > 10) throw new TooManyEntriesInBatchRequest({ message: `Maximum number of entries per request are 10. You have sent ${entries.length}.`, $metadata: {} });
      if (new Set(entries.map((entry) => entry.Id)).size !== entries.length) throw new BatchEntryIdsNotDistinct({ message: 'Id values must be unique within a batch request.', $metadata: {} });
      const successful: SendMessageBatchResultEntry[] = [];
      const failed: BatchResultErrorEntry[] = [];
      for (const entry of entries) {
        const sent = send(entry);
        if (sent.kind === 'missing') failed.push({ Id: entry.Id, SenderFault: true, Code: 'MissingParameter', Message: missingMessage(sent.parameter) });
        else successful.push({ Id: entry.Id, MessageId: sent.MessageId, MD5OfMessageBody: sent.MD5OfMessageBody });
      }
      return Promise.resolve({ Successful: successful, Failed: failed });
    },
  });
}

function missingMessage(parameter: string): string {
  return `The request must contain the parameter ${parameter}.`;
}
