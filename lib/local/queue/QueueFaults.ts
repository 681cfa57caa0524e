/**
 * Faults the in-process queue can inject, as SQS's delivery guarantees allow them: a
 * message delivered late, a delete that is lost (the message comes back once its
 * visibility timeout ends, though it was handled), and a handled message delivered once
 * more (at-least-once delivery). The queue asks at each send and each delete.
 */
export interface QueueFaults {
  /** How long a message just sent stays hidden before its first delivery; 0 for none. */
  delayOnSend(groupId: string): number;
  /** Whether this delete is lost. */
  loseDelete(groupId: string): boolean;
  /** Whether this deleted message is delivered once more. */
  deliverAgain(groupId: string): boolean;
}
