/** An invariant a chaos run broke, and how. */
export interface Violation {
  readonly invariant: string;
  readonly detail: string;
}
