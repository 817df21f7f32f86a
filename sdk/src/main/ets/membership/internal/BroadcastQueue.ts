import { MemberUpdate } from './MemberUpdate';

class Broadcast {
  readonly update: MemberUpdate;
  readonly seq: number;
  transmits: number = 0;

  constructor(update: MemberUpdate, seq: number) {
    this.update = update;
    this.seq = seq;
  }
}

const fewestFirst = (a: Broadcast, b: Broadcast): number =>
  a.transmits !== b.transmits ? a.transmits - b.transmits : b.seq - a.seq;

/**
 * Updates waiting to be piggybacked (SWIM's dissemination component). At most one update per
 * member is queued (a newer one replaces it); each goes out `limit` times, those sent least often
 * (then newest) first, and updates about the recipient itself jump the queue.
 */
export class BroadcastQueue {
  private readonly _byMember: Map<string, Broadcast> = new Map<string, Broadcast>();
  private _seq: number = 0;

  get size(): number {
    return this._byMember.size;
  }

  enqueue(update: MemberUpdate): void {
    this._byMember.set(update.id, new Broadcast(update, this._seq++));
  }

  /** Takes up to `max` updates for a message to `recipient`, counting one transmission each. */
  take(max: number, recipient: string, limit: number): MemberUpdate[] {
    const out: MemberUpdate[] = [];
    if (this._byMember.size === 0 || max <= 0) {
      return out;
    }
    const own = this._byMember.get(recipient);
    if (own !== undefined) {
      out.push(own.update);
      this.count(own, limit);
    }
    if (out.length >= max) {
      return out;
    }
    const all = Array.from(this._byMember.values());
    if (all.length > max - out.length) {
      all.sort(fewestFirst);
    }
    for (let i = 0; i < all.length && out.length < max; i++) {
      const b = all[i];
      if (b !== own) {
        out.push(b.update);
        this.count(b, limit);
      }
    }
    return out;
  }

  clear(): void {
    this._byMember.clear();
  }

  private count(b: Broadcast, limit: number): void {
    b.transmits++;
    if (b.transmits >= limit && this._byMember.get(b.update.id) === b) {
      this._byMember.delete(b.update.id);
    }
  }
}
