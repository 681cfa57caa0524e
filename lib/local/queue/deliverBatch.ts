import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { InProcessFifoQueue, ReceivedMessage } from './InProcessFifoQueue.js';

export type BatchHandler = (event: SQSEvent) => Promise<SQSBatchResponse | void>;

export interface BatchOutcome {
  readonly received: number;
  /** Deleted: the handler took them. */
  readonly succeeded: number;
  /** Left in flight: they come back after the visibility timeout. */
  readonly failed: number;
  /** The handler threw: the whole batch stays in flight. */
  readonly error?: string;
}

/**
 * One poll of Lambda's SQS event source: up to `batchSize` messages as an SQS event, the
 * handler run, and every message it did not report in `batchItemFailures` deleted. A handler
 * that throws fails the whole batch. A failed message is not deleted: it waits out its
 * visibility timeout, as on AWS.
 */
export async function deliverBatch(queue: InProcessFifoQueue, handler: BatchHandler, batchSize: number, queueArn: string): Promise<BatchOutcome> {
  const messages = queue.receive(batchSize);
  if (messages.length === 0) return { received: 0, succeeded: 0, failed: 0 };
  let failedIds: Set<string>;
  try {
    const response = await handler({ Records: messages.map((m) => toRecord(m, queueArn)) });
    failedIds = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
  } catch (error) {
    return { received: messages.length, succeeded: 0, failed: messages.length, error: error instanceof Error ? error.message : String(error) };
  }
  let succeeded = 0;
  for (const message of messages) if (!failedIds.has(message.messageId) && queue.delete(message.receiptHandle)) succeeded += 1;
  return { received: messages.length, succeeded, failed: messages.length - succeeded };
}

function toRecord(message: ReceivedMessage, queueArn: string): SQSRecord {
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentAt),
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
      SequenceNumber: String(message.sequenceNumber).padStart(20, '0'),
      MessageGroupId: message.groupId,
      MessageDeduplicationId: message.deduplicationId,
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: 'local',
  };
}
