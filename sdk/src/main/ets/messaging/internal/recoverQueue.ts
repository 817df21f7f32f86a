import { DeadLetter } from '../DeadLetter';
import { isGroupName, isTopicName } from './names';
import { Broker } from './Broker';
import { GroupEntry } from './GroupEntry';
import { GroupQueue } from './GroupQueue';
import {
  decodeDead, decodeDedup, decodeGroup, decodeMessage, decodePending, DedupRecord, GroupRecord, PendingRecord
} from './records';
import { RecordKind } from './StoreKeys';
import { StoredMessage } from './StoredMessage';
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
  readonly messages: Map<number, StoredMessage> = new Map<number, StoredMessage>();
  readonly pending: Map<number, PendingRef[]> = new Map<number, PendingRef[]>();
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
      const m = l.messages.get(seq) as StoredMessage;
      const refs = l.pending.get(seq) ?? [];
      const list: GroupEntry[] = [];
      for (const ref of refs) {
        const g: GroupQueue = t.groups.get(ref.group) ?? t.knowGroup(ref.group, Infinity, true);
        const entry = new GroupEntry(m, g);
        entry.attempts = ref.record.attempts;
        entry.retryAt = ref.record.retryAt;
        entry.lastCode = ref.record.code;
        entry.lastMessage = ref.record.message;
        list.push(entry);
      }
      t.restore(m, list, now);
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
  return maxSeq;
};
