import { Envelope } from '../../Envelope';
import { Endpoint } from './Endpoint';

/** One envelope on a simulated wire. */
export class InFlight {
  readonly deliverAt: number;
  readonly seq: number;
  readonly envelope: Envelope;
  /** The encoded envelope when the network serialises. */
  readonly bytes: Uint8Array | undefined;
  readonly size: number;
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly fromEpoch: number;
  readonly toEpoch: number;

  constructor(deliverAt: number, seq: number, envelope: Envelope, bytes: Uint8Array | undefined, size: number,
    from: Endpoint, to: Endpoint) {
    this.deliverAt = deliverAt;
    this.seq = seq;
    this.envelope = envelope;
    this.bytes = bytes;
    this.size = size;
    this.from = from;
    this.to = to;
    this.fromEpoch = from.epoch;
    this.toEpoch = to.epoch;
  }
}

const before = (a: InFlight, b: InFlight): boolean =>
  a.deliverAt < b.deliverAt || (a.deliverAt === b.deliverAt && a.seq < b.seq);

/** Min-heap of envelopes in flight, ordered by (deliverAt, send sequence). */
export class InFlightHeap {
  private readonly _items: InFlight[] = [];

  get size(): number {
    return this._items.length;
  }

  peek(): InFlight | undefined {
    return this._items.length > 0 ? this._items[0] : undefined;
  }

  push(item: InFlight): void {
    const items = this._items;
    let i = items.length;
    items.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(item, items[p])) {
        break;
      }
      items[i] = items[p];
      i = p;
    }
    items[i] = item;
  }

  pop(): InFlight | undefined {
    const items = this._items;
    if (items.length === 0) {
      return undefined;
    }
    const top = items[0];
    const last = items.pop() as InFlight;
    const n = items.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) {
          break;
        }
        const r = l + 1;
        const c = r < n && before(items[r], items[l]) ? r : l;
        if (!before(items[c], last)) {
          break;
        }
        items[i] = items[c];
        i = c;
      }
      items[i] = last;
    }
    return top;
  }
}
