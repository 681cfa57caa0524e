/** What a repair did: `applied` false means it found the world moved and left it to the next round. */
export interface RepairOutcome {
  readonly kind: string;
  readonly applied: boolean;
  readonly detail: string;
}
