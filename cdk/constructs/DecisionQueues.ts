import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DECISION_MAX_RECEIVE_COUNT, decisionVisibilityTimeoutSeconds } from '../decisionQueueSettings.js';

export interface DecisionQueuesProps {
  /** The decide function's timeout: the queue's visibility timeout is six times it, as AWS advises for event sources. */
  readonly consumerTimeout: Duration;
  /** Receives before a message moves to the dead-letter queue. @default 5 */
  readonly maxReceiveCount?: number;
  /** How long a dead letter is kept for a person to look at. @default Duration.days(14) */
  readonly deadLetterRetention?: Duration;
}

/**
 * The FIFO "decisions" queue (one message per closed candle, grouped by symbol, deduplicated
 * by an explicit id) and its FIFO dead-letter queue; both encrypted, both refuse plain HTTP.
 */
export class DecisionQueues extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: DecisionQueuesProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      fifo: true,
      contentBasedDeduplication: false,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: props.deadLetterRetention ?? Duration.days(14),
    });
    this.queue = new Queue(this, 'Decisions', {
      fifo: true,
      contentBasedDeduplication: false,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(decisionVisibilityTimeoutSeconds(props.consumerTimeout.toSeconds())),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? DECISION_MAX_RECEIVE_COUNT },
    });
  }
}
