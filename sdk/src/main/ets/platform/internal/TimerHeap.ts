import { TimerCallback } from '../Clock';

/** One scheduled timer: fires at `deadline`; `seq` breaks ties in creation order. */
export class TimerEntry {
  readonly id: number;
  readonly deadline: number;
  readonly seq: number;
  readonly callback: TimerCallback;

  constructor(id: number, deadline: number, seq: number, callback: TimerCallback) {
    this.id = id;
    this.deadline = deadline;
    this.seq = seq;
    this.callback = callback;
  }
}

const before = (a: TimerEntry, b: TimerEntry): boolean =>
  a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq);

/** A binary min-heap of timers ordered by (deadline, seq). */
export class TimerHeap {
  private _items: TimerEntry[] = [];

  get size(): number {
    return this._items.length;
  }

  peek(): TimerEntry | undefined {
    return this._items.length > 0 ? this._items[0] : undefined;
  }

  push(entry: TimerEntry): void {
    const items = this._items;
    items.push(entry);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i], items[parent])) {
        break;
      }
      const t = items[i];
      items[i] = items[parent];
      items[parent] = t;
      i = parent;
    }
  }

  pop(): TimerEntry | undefined {
    const items = this._items;
    if (items.length === 0) {
      return undefined;
    }
    const top = items[0];
    const last = items.pop() as TimerEntry;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      const n = items.length;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < n && before(items[l], items[m])) {
          m = l;
        }
        if (r < n && before(items[r], items[m])) {
          m = r;
        }
        if (m === i) {
          break;
        }
        const t = items[i];
        items[i] = items[m];
        items[m] = t;
        i = m;
      }
    }
    return top;
  }

  clear(): void {
    this._items = [];
  }
}
