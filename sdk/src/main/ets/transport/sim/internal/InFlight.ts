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

/**
 * Envelopes in flight, grouped by delivery time: a bucket per distinct time (in send order) and a
 * min-heap of the times. With a delivery quantum many envelopes share a time, so a message costs
 * an array push instead of a heap operation.
 */
export class DeliveryQueue {
  private readonly _buckets: Map<number, InFlight[]> = new Map<number, InFlight[]>();
  private readonly _times: number[] = [];
  private _size: number = 0;

  get size(): number {
    return this._size;
  }

  /** Earliest delivery time, or undefined when empty. */
  nextTime(): number | undefined {
    return this._times.length > 0 ? this._times[0] : undefined;
  }

  push(item: InFlight): void {
    const t = item.deliverAt;
    let bucket = this._buckets.get(t);
    if (bucket === undefined) {
      bucket = [];
      this._buckets.set(t, bucket);
      this.pushTime(t);
    }
    bucket.push(item);
    this._size++;
  }

  /** Removes and returns the envelopes of the earliest time, in send order. */
  takeNext(): InFlight[] {
    const times = this._times;
    if (times.length === 0) {
      return [];
    }
    const t = times[0];
    const last = times.pop() as number;
    if (times.length > 0) {
      times[0] = last;
      this.siftDown();
    }
    const bucket = this._buckets.get(t) as InFlight[];
    this._buckets.delete(t);
    this._size -= bucket.length;
    return bucket;
  }

  private pushTime(t: number): void {
    const times = this._times;
    let i = times.length;
    times.push(t);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (times[p] <= t) {
        break;
      }
      times[i] = times[p];
      i = p;
    }
    times[i] = t;
  }

  private siftDown(): void {
    const times = this._times;
    const n = times.length;
    const t = times[0];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) {
        break;
      }
      const r = l + 1;
      const c = r < n && times[r] < times[l] ? r : l;
      if (times[c] >= t) {
        break;
      }
      times[i] = times[c];
      i = c;
    }
    times[i] = t;
  }
}
