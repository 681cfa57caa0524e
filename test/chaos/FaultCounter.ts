/** Faults injected in one run, by kind ("exchange serverError", "queue lostDelete", "decide died afterOrderSent", ...). */
export class FaultCounter {
  private readonly counts = new Map<string, number>();

  add(kind: string, count = 1): void {
    if (count > 0) this.counts.set(kind, (this.counts.get(kind) ?? 0) + count);
  }

  get total(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }

  byKind(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }
}
