/**
 * A double-ended queue on a growable ring buffer: O(1) push and shift at both ends, no per-item
 * allocation. The queue's ready buckets, ordering-key chains and consumer buffers use it.
 */
export class Deque<T> {
  private _items: (T | undefined)[];
  private _head: number = 0;
  private _size: number = 0;

  constructor(capacity?: number) {
    let c = 8;
    const want = capacity ?? 8;
    while (c < want) {
      c = c * 2;
    }
    this._items = new Array<T | undefined>(c);
  }

  get size(): number {
    return this._size;
  }

  get isEmpty(): boolean {
    return this._size === 0;
  }

  /** Adds at the back. */
  push(item: T): void {
    if (this._size === this._items.length) {
      this.grow();
    }
    this._items[(this._head + this._size) & (this._items.length - 1)] = item;
    this._size++;
  }

  /** Adds at the front. */
  unshift(item: T): void {
    if (this._size === this._items.length) {
      this.grow();
    }
    this._head = (this._head - 1) & (this._items.length - 1);
    this._items[this._head] = item;
    this._size++;
  }

  /** Removes and returns the front item (undefined when empty). */
  shift(): T | undefined {
    if (this._size === 0) {
      return undefined;
    }
    const item = this._items[this._head];
    this._items[this._head] = undefined;
    this._head = (this._head + 1) & (this._items.length - 1);
    this._size--;
    return item;
  }

  /** The front item without removing it. */
  peek(): T | undefined {
    return this._size === 0 ? undefined : this._items[this._head];
  }

  /** The item at position `i` from the front (0-based), undefined when out of range. */
  at(i: number): T | undefined {
    if (i < 0 || i >= this._size) {
      return undefined;
    }
    return this._items[(this._head + i) & (this._items.length - 1)];
  }

  /** Removes every item. */
  clear(): void {
    this._items = new Array<T | undefined>(8);
    this._head = 0;
    this._size = 0;
  }

  /** A copy of the items, front first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this._size; i++) {
      out.push(this._items[(this._head + i) & (this._items.length - 1)] as T);
    }
    return out;
  }

  private grow(): void {
    const old = this._items;
    const next = new Array<T | undefined>(old.length * 2);
    for (let i = 0; i < this._size; i++) {
      next[i] = old[(this._head + i) & (old.length - 1)];
    }
    this._items = next;
    this._head = 0;
  }
}
