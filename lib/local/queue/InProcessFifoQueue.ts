import type { Clock } from '../../ports/Clock.js';
import type { QueueFaults } from './QueueFaults.js';

export interface FifoQueueOptions {
  readonly clock: Clock;
  /** How long a received message stays hidden before it is delivered again (SQS: the queue's visibility timeout). */
  readonly visibilityTimeoutMs: number;
  /** Receives after which a message goes to the dead-letter queue instead (SQS: the redrive policy's maxReceiveCount). */
  readonly maxReceiveCount: number;
  /** SQS FIFO drops a second message with the same deduplication id within 5 minutes. */
  readonly deduplicationWindowMs?: number;
  /** Late, lost-delete and repeated deliveries to inject (the chaos suite); none when absent. */
  readonly faults?: QueueFaults;
}

export interface QueuedMessage {
  readonly messageId: string;
  readonly groupId: string;
  readonly deduplicationId: string;
  readonly body: string;
  readonly sentAt: number;
  readonly sequenceNumber: number;
}

/** A message handed out by `receive`: its handle deletes it; `receiveCount` counts this receive. */
export interface ReceivedMessage extends QueuedMessage {
  readonly receiptHandle: string;
  readonly receiveCount: number;
  readonly firstReceivedAt: number;
}

interface Stored extends QueuedMessage {
  receiveCount: number;
  firstReceivedAt?: number;
  /** Hidden until this time after a receive; undefined when never received or visible again. */
  invisibleUntil?: number;
  receiptHandle?: string;
}

const FIVE_MINUTES = 5 * 60_000;

/**
 * An SQS FIFO queue in memory, with the semantics the decide function relies on:
 * - order within a message group, and no message of a group is handed out while another of
 *   the same group is in flight (received, neither deleted nor timed out);
 * - a received message is hidden for the visibility timeout, then delivered again with its
 *   receive count one higher; past `maxReceiveCount` receives it moves to the dead-letter list;
 * - a deduplication id seen within the window is accepted and dropped;
 * - only the holder of the latest receipt handle can delete a message.
 */
export class InProcessFifoQueue {
  private readonly messages: Stored[] = [];
  private readonly deadLetters: QueuedMessage[] = [];
  private readonly seenDeduplication = new Map<string, number>();
  private sequence = 0;
  private receipts = 0;

  constructor(private readonly options: FifoQueueOptions) {}

  /** False when the deduplication id was seen within the window (SQS accepts and drops it). */
  send(groupId: string, deduplicationId: string, body: string): boolean {
    const now = this.options.clock.now();
    const seenAt = this.seenDeduplication.get(deduplicationId);
    if (seenAt !== undefined && now - seenAt < (this.options.deduplicationWindowMs ?? FIVE_MINUTES)) return false;
    this.seenDeduplication.set(deduplicationId, now);
    this.append(groupId, deduplicationId, body, this.options.faults?.delayOnSend(groupId) ?? 0);
    return true;
  }

  /**
   * Up to `max` messages, oldest first, each group's in order: a group with a message in
   * flight gives nothing, and a group stops at its first message still hidden.
   */
  receive(max: number): ReceivedMessage[] {
    const now = this.options.clock.now();
    this.expireVisibility(now);
    const blockedGroups = new Set(this.messages.filter((m) => m.invisibleUntil !== undefined).map((m) => m.groupId));
    const received: ReceivedMessage[] = [];
    for (const message of [...this.messages]) {
      if (received.length >= max) break;
      if (blockedGroups.has(message.groupId) && !received.some((r) => r.groupId === message.groupId)) continue;
      if (message.receiveCount >= this.options.maxReceiveCount) {
        this.moveToDeadLetters(message);
        continue;
      }
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.invisibleUntil = now + this.options.visibilityTimeoutMs;
      message.receiptHandle = `receipt-${(this.receipts += 1)}`;
      blockedGroups.add(message.groupId);
      received.push({ ...this.view(message), receiptHandle: message.receiptHandle, receiveCount: message.receiveCount, firstReceivedAt: message.firstReceivedAt });
    }
    return received;
  }

  /** Deletes a received message; false when the handle is stale (the message was received again, or is gone). */
  delete(receiptHandle: string): boolean {
    const index = this.messages.findIndex((m) => m.receiptHandle === receiptHandle);
    const message = this.messages[index];
    if (message === undefined) return false;
    const { faults } = this.options;
    if (faults?.loseDelete(message.groupId)) return true;
    this.messages.splice(index, 1);
    if (faults?.deliverAgain(message.groupId)) this.append(message.groupId, message.deduplicationId, message.body, 0);
    return true;
  }

  /** Messages waiting or in flight. */
  get depth(): number {
    return this.messages.length;
  }

  /** What the redrive moved aside, oldest first. */
  get deadLettered(): readonly QueuedMessage[] {
    return [...this.deadLetters];
  }

  /** When the next hidden message becomes visible again, if any. */
  nextVisibleAt(): number | undefined {
    const times = this.messages.flatMap((m) => (m.invisibleUntil !== undefined ? [m.invisibleUntil] : []));
    return times.length === 0 ? undefined : Math.min(...times);
  }

  /** A new message at the end of the queue, hidden for `delayMs` (SQS's per-message delay). */
  private append(groupId: string, deduplicationId: string, body: string, delayMs: number): void {
    const now = this.options.clock.now();
    this.sequence += 1;
    this.messages.push({
      messageId: `local-${this.sequence}`,
      groupId,
      deduplicationId,
      body,
      sentAt: now,
      sequenceNumber: this.sequence,
      receiveCount: 0,
      ...(delayMs > 0 ? { invisibleUntil: now + delayMs } : {}),
    });
  }

  private expireVisibility(now: number): void {
    for (const message of this.messages) {
      if (message.invisibleUntil !== undefined && message.invisibleUntil <= now) {
        message.invisibleUntil = undefined;
        message.receiptHandle = undefined;
      }
    }
  }

  private moveToDeadLetters(message: Stored): void {
    this.messages.splice(this.messages.indexOf(message), 1);
    this.deadLetters.push(this.view(message));
  }

  private view(message: Stored): QueuedMessage {
    const { messageId, groupId, deduplicationId, body, sentAt, sequenceNumber } = message;
    return { messageId, groupId, deduplicationId, body, sentAt, sequenceNumber };
  }
}
