import { Deque } from './Deque';

/** Number of priority levels (0 lowest .. 9 highest). */
export const PRIORITY_LEVELS = 10;

/**
 * FIFO buckets per priority level (0..9, higher first) with a bit mask of the non-empty ones, so
 * taking the next item is O(1) whatever the queue length (a sorted array, as p-queue keeps, costs
 * O(n) per insert). Requeued items go to the front of their bucket.
 */
export class PriorityBuckets<T> {
  private readonly _buckets: (Deque<T> | undefined)[] = new Array<Deque<T> | undefined>(PRIORITY_LEVELS);
  private _mask: number = 0;
  private _size: number = 0;

  /** Items held (including any the owner has since invalidated and will skip). */
  get size(): number {
    return this._size;
  }

  /** Appends `item` at the back of its priority level. */
  push(item: T, priority: number): void {
    this.bucket(priority).push(item);
    this._mask |= 1 << priority;
    this._size++;
  }

  /** Puts `item` at the front of its priority level (redeliveries go first). */
  pushFront(item: T, priority: number): void {
    this.bucket(priority).unshift(item);
    this._mask |= 1 << priority;
    this._size++;
  }

  /** Removes and returns the oldest item of the highest non-empty level. */
  pop(): T | undefined {
    const mask = this._mask;
    if (mask === 0) {
      return undefined;
    }
    // Highest set bit: 31 - clz32.
    const level = 31 - Math.clz32(mask);
    const b = this._buckets[level] as Deque<T>;
    const item = b.shift();
    if (b.isEmpty) {
      this._mask = mask & ~(1 << level);
    }
    this._size--;
    return item;
  }

  /** The item `pop` would return, without removing it. */
  peek(): T | undefined {
    if (this._mask === 0) {
      return undefined;
    }
    return (this._buckets[31 - Math.clz32(this._mask)] as Deque<T>).peek();
  }

  clear(): void {
    for (let i = 0; i < PRIORITY_LEVELS; i++) {
      const b = this._buckets[i];
      if (b !== undefined) {
        b.clear();
      }
    }
    this._mask = 0;
    this._size = 0;
  }

  private bucket(priority: number): Deque<T> {
    let b = this._buckets[priority];
    if (b === undefined) {
      b = new Deque<T>(16);
      this._buckets[priority] = b;
    }
    return b;
  }
}
