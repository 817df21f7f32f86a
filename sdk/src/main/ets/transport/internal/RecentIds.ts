/** A bounded set of recently seen ids (FIFO eviction), for dropping duplicated requests. */
export class RecentIds {
  private readonly _set: Set<string> = new Set<string>();
  private readonly _ring: (string | undefined)[];
  private _next: number = 0;

  constructor(capacity: number) {
    this._ring = new Array<string | undefined>(capacity > 0 ? capacity : 1);
  }

  /** Adds `id`; returns false when it was already present. */
  add(id: string): boolean {
    if (this._set.has(id)) {
      return false;
    }
    const ring = this._ring;
    const old = ring[this._next];
    if (old !== undefined) {
      this._set.delete(old);
    }
    ring[this._next] = id;
    this._next = (this._next + 1) % ring.length;
    this._set.add(id);
    return true;
  }

  clear(): void {
    this._set.clear();
    for (let i = 0; i < this._ring.length; i++) {
      this._ring[i] = undefined;
    }
  }
}
