import { ReadableSpan } from '../api/ReadableSpan';

/** A fixed-capacity FIFO ring of spans: O(1) push, batch take without shifting arrays. */
export class SpanQueue {
  private readonly _slots: (ReadableSpan | undefined)[];
  private readonly _capacity: number;
  private _head: number = 0;
  private _size: number = 0;

  constructor(capacity: number) {
    this._capacity = capacity;
    this._slots = new Array<ReadableSpan | undefined>(capacity);
  }

  get size(): number {
    return this._size;
  }

  get capacity(): number {
    return this._capacity;
  }

  /** Appends a span; false (and nothing stored) when the queue is full. */
  push(span: ReadableSpan): boolean {
    if (this._size >= this._capacity) {
      return false;
    }
    let i = this._head + this._size;
    if (i >= this._capacity) {
      i -= this._capacity;
    }
    this._slots[i] = span;
    this._size++;
    return true;
  }

  /** Removes and returns up to `n` spans, oldest first. */
  take(n: number): ReadableSpan[] {
    const count = n < this._size ? n : this._size;
    const out: ReadableSpan[] = new Array<ReadableSpan>(count);
    let h = this._head;
    for (let i = 0; i < count; i++) {
      out[i] = this._slots[h] as ReadableSpan;
      this._slots[h] = undefined;
      h++;
      if (h === this._capacity) {
        h = 0;
      }
    }
    this._head = h;
    this._size -= count;
    return out;
  }
}
