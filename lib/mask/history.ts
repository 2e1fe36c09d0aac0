/** Default bound on stored snapshots, including the baseline one. */
export const MAX_HISTORY = 50;

/**
 * Linear undo/redo over immutable snapshots. The entry at the cursor is always the
 * current state, so a fresh history holds one baseline snapshot and cannot undo.
 * Pushing after an undo discards the redo branch; past `max` the oldest entry drops,
 * which moves the baseline forward.
 */
export class History<T> {
  readonly max: number;
  #entries: T[];
  #index = 0;

  constructor(initial: T, max: number = MAX_HISTORY) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`History max must be a positive integer, got ${max}`);
    this.max = max;
    this.#entries = [initial];
  }

  get current(): T {
    // The cursor always points into #entries, so this index is never out of range.
    return this.#entries[this.#index] as T;
  }

  get canUndo(): boolean {
    return this.#index > 0;
  }

  get canRedo(): boolean {
    return this.#index < this.#entries.length - 1;
  }

  /** Number of stored snapshots (baseline included). */
  get size(): number {
    return this.#entries.length;
  }

  push(snapshot: T): void {
    this.#entries = this.#entries.slice(0, this.#index + 1);
    this.#entries.push(snapshot);
    if (this.#entries.length > this.max) this.#entries.splice(0, this.#entries.length - this.max);
    this.#index = this.#entries.length - 1;
  }

  /** Steps back and returns the snapshot to restore, or undefined when there is nothing to undo. */
  undo(): T | undefined {
    if (!this.canUndo) return undefined;
    this.#index -= 1;
    return this.current;
  }

  /** Steps forward and returns the snapshot to restore, or undefined when there is nothing to redo. */
  redo(): T | undefined {
    if (!this.canRedo) return undefined;
    this.#index += 1;
    return this.current;
  }
}
