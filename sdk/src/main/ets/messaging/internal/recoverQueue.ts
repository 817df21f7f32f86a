import { DeadLetter } from '../DeadLetter';
import { isGroupName, isTopicName } from './names';
import { Broker } from './Broker';
import { GroupEntry } from './GroupEntry';
import { GroupQueue } from './GroupQueue';
import {
  decodeDead, decodeDedup, decodeGroup, decodeMessage, decodePending, DecodedMessage, DedupRecord, GroupRecord, PendingRecord
} from './records';
import { WriteOp } from '../../platform/store/KeyValueStore';
import { RecordKind } from './StoreKeys';
import { DedupEntry } from './TopicState';

/** A pending record of a message in a group. */
class PendingRef {
  readonly group: string;
  readonly record: PendingRecord;

  constructor(group: string, record: PendingRecord) {
    this.group = group;
    this.record = record;
  }
}

/** Everything read for one topic. */
class TopicLoad {
  readonly groups: Map<string, GroupRecord> = new Map<string, GroupRecord>();
  readonly messages: Map<number, DecodedMessage> = new Map<number, DecodedMessage>();
  readonly pending: Map<number, PendingRef[]> = new Map<number, PendingRef[]>();
  readonly acked: Map<number, string[]> = new Map<number, string[]>();
  readonly dead: DeadLetter[] = [];
  readonly dedup: Map<string, DedupRecord> = new Map<string, DedupRecord>();
}

const parseSeq = (text: string): number => {
  if (text.length !== 16) {
    return -1;
  }
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : -1;
};

/**
 * Rebuilds a durable queue from its store after a restart: known groups, held messages with their
 * pending groups (attempts and back-off included), delayed messages, dead letters and the dedup
 * window. In-flight deliveries of the previous life become ready again (their outcome is lost, so
 * they are redelivered: at-least-once). Malformed records are logged and skipped. Resolves with
 * the highest sequence number seen.
 */
export const recoverQueue = async (broker: Broker): Promise<number> => {
  const ctx = broker.ctx;
  const prefix = ctx.keys.prefix;
  const entries = await broker.store.entries(prefix);
  const loads = new Map<string, TopicLoad>();
  const load = (topic: string): TopicLoad => {
    let l = loads.get(topic);
    if (l === undefined) {
      l = new TopicLoad();
      loads.set(topic, l);
    }
    return l;
  };
  let maxSeq = 0;
  let bad = 0;
  for (const e of entries) {
    const rest = e.key.substring(prefix.length);
    const kind = rest.substring(0, 2);
    const parts = rest.substring(2).split('/');
    const topic = parts[0];
    if (!isTopicName(topic)) {
      bad++;
      continue;
    }
    if (kind === `${RecordKind.MESSAGE}/` && parts.length === 2) {
      const seq = parseSeq(parts[1]);
      const m = seq > 0 ? decodeMessage(e.value, topic, seq, ctx.deviceId) : undefined;
      if (m === undefined) {
        bad++;
        continue;
      }
      load(topic).messages.set(seq, m);
      maxSeq = Math.max(maxSeq, seq);
    } else if (kind === `${RecordKind.PENDING}/` && parts.length === 3 && isGroupName(parts[1])) {
      const seq = parseSeq(parts[2]);
      const p = seq > 0 ? decodePending(e.value) : undefined;
      if (p === undefined) {
        bad++;
        continue;
      }
      const l = load(topic);
      let list = l.pending.get(seq);
      if (list === undefined) {
        list = [];
        l.pending.set(seq, list);
      }
      list.push(new PendingRef(parts[1], p));
    } else if (kind === `${RecordKind.ACKED}/` && parts.length === 3 && isGroupName(parts[1])) {
      const seq = parseSeq(parts[2]);
      if (seq <= 0) {
        bad++;
        continue;
      }
      const l = load(topic);
      let list = l.acked.get(seq);
      if (list === undefined) {
        list = [];
        l.acked.set(seq, list);
      }
      list.push(parts[1]);
    } else if (kind === `${RecordKind.DEAD}/` && parts.length === 3 && (isGroupName(parts[1]) || parts[1] === '*')) {
      const seq = parseSeq(parts[2]);
      const d = seq > 0 ? decodeDead(e.value, topic, parts[1], seq, ctx.deviceId) : undefined;
      if (d === undefined) {
        bad++;
        continue;
      }
      load(topic).dead.push(d);
      maxSeq = Math.max(maxSeq, seq);
    } else if (kind === `${RecordKind.GROUP}/` && parts.length === 2 && isGroupName(parts[1])) {
      const g = decodeGroup(e.value);
      if (g === undefined) {
        bad++;
        continue;
      }
      load(topic).groups.set(parts[1], g);
    } else if (kind === `${RecordKind.DEDUP}/` && parts.length >= 2) {
      const x = decodeDedup(e.value);
      if (x === undefined) {
        bad++;
        continue;
      }
      load(topic).dedup.set(rest.substring(2 + topic.length + 1), x);
      maxSeq = Math.max(maxSeq, x.seq);
    } else {
      bad++;
    }
  }
  if (bad > 0) {
    ctx.logger.warn('messaging: skipped malformed records during recovery', { 'count': bad });
  }
  broker.raiseSeq(maxSeq);
  const now = ctx.clock.now();
  const cleanup: WriteOp[] = [];
  for (const name of Array.from(loads.keys()).sort()) {
    const l = loads.get(name) as TopicLoad;
    const t = broker.topic(name);
    for (const g of l.groups.keys()) {
      t.knowGroup(g, (l.groups.get(g) as GroupRecord).expiryMs, false);
    }
    for (const d of l.dead) {
      t.keepDeadLetter(d);
    }
    const seqs = Array.from(l.messages.keys()).sort((a: number, b: number): number => a - b);
    for (const seq of seqs) {
      const decoded = l.messages.get(seq) as DecodedMessage;
      const m = decoded.message;
      const refs = l.pending.get(seq) ?? [];
      const done = l.acked.get(seq) ?? [];
      const list: GroupEntry[] = [];
      for (const group of decoded.groups) {
        if (done.indexOf(group) >= 0 || !isGroupName(group)) {
          continue;
        }
        const g: GroupQueue = t.groups.get(group) ?? t.knowGroup(group, Infinity, true);
        const entry = new GroupEntry(m, g);
        for (const ref of refs) {
          if (ref.group === group) {
            entry.attempts = ref.record.attempts;
            entry.retryAt = ref.record.retryAt;
            entry.lastCode = ref.record.code;
            entry.lastMessage = ref.record.message;
            entry.hasRecord = true;
          }
        }
        list.push(entry);
      }
      if (decoded.groups.length > 0 && list.length === 0) {
        // Every group was done: only the clean-up was missing.
        cleanup.push(WriteOp.delete(ctx.keys.message(name, seq)));
        for (const g of done) {
          cleanup.push(WriteOp.delete(ctx.keys.acked(name, g, seq)));
        }
        continue;
      }
      t.restore(m, list, done, now);
    }
    for (const seq of l.pending.keys()) {
      if (!l.messages.has(seq)) {
        for (const ref of l.pending.get(seq) as PendingRef[]) {
          cleanup.push(WriteOp.delete(ctx.keys.pending(name, ref.group, seq)));
        }
      }
    }
    for (const seq of l.acked.keys()) {
      if (!l.messages.has(seq)) {
        for (const g of l.acked.get(seq) as string[]) {
          cleanup.push(WriteOp.delete(ctx.keys.acked(name, g, seq)));
        }
      }
    }
    const remembered: DedupEntry[] = [];
    for (const id of l.dedup.keys()) {
      const x = l.dedup.get(id) as DedupRecord;
      remembered.push(new DedupEntry(id, x.seq, x.at));
    }
    remembered.sort((a: DedupEntry, b: DedupEntry): number => a.at - b.at);
    for (const x of remembered) {
      t.remember(x);
    }
    t.routeHeld();
    for (const g of t.groups.values()) {
      g.armExpiry(now);
    }
  }
  const w = ctx.writer;
  if (w !== undefined && cleanup.length > 0) {
    ctx.logger.info('messaging: removed leftover records during recovery', { 'count': cleanup.length });
    for (const op of cleanup) {
      w.append(op);
    }
  }
  return maxSeq;
};
