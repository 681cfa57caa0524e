import type { BotState } from '../domain/botState.js';

export interface LockRequest {
  /** Who takes the lock: the reconciliation's execution name. */
  readonly lockId: string;
  readonly reason: string;
  /** Take a HALTED bot too (the operator asked to run again); otherwise only an ACTIVE one. */
  readonly resumeHalted: boolean;
}

/**
 * The bot's status on its own, for reconciliation, heartbeat and the operator. Every change
 * of status raises the ledger version, so a decision in flight on the old state writes nothing.
 */
export interface BotStateStore {
  /** Read consistently; a bot never written reads as fresh and ACTIVE. */
  get(): Promise<BotState>;
  /**
   * ACTIVE → RECONCILING held by `lockId` (HALTED too when asked); false when another
   * reconciliation holds it or the bot is halted. Taking it again under the same id succeeds.
   */
  lock(now: number, request: LockRequest): Promise<boolean>;
  /** RECONCILING under `lockId` → ACTIVE; false when the lock is not this one's. */
  unlock(now: number, lockId: string): Promise<boolean>;
  /** Any status → HALTED, with the reason. */
  halt(now: number, reason: string): Promise<void>;
}
