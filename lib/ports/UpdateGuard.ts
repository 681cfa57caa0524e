/** Telegram delivers an update again until it gets a 200: each update id is acted on once. */
export interface UpdateGuard {
  /** True the first time an update id is claimed; false for every replay. */
  claim(updateId: number, now: number): Promise<boolean>;
}
