import { JsonValue } from '../../core/json/JsonValue';
import { QueueMessage } from '../QueueMessage';
import { DeliveryOutcome, OutcomeKind } from './DeliveryOutcome';
import { isGroupName, isTopicName } from './names';
import { StoredMessage } from './StoredMessage';

/** Transport topic of deliveries (publisher -> consumer device, request/response). */
export const MQ_DELIVER_TOPIC = 'mq.deliver';

/** A delivery decoded on the consuming device. */
export class WireDelivery {
  readonly message: QueueMessage;
  readonly group: string;
  readonly count: number;
  /** Visibility time left when the publisher sent it, ms. */
  readonly remainingMs: number;

  constructor(message: QueueMessage, group: string, count: number, remainingMs: number) {
    this.message = message;
    this.group = group;
    this.count = count;
    this.remainingMs = remainingMs;
  }
}

/** The request body of a delivery. */
export const encodeDelivery = (m: StoredMessage, group: string, count: number, remainingMs: number): JsonValue => {
  const r: Record<string, JsonValue> = {
    't': m.topic,
    'g': group,
    'i': m.id,
    's': m.seq,
    'p': m.payload,
    'h': m.headers as Record<string, JsonValue>,
    'pr': m.priority,
    'k': m.orderingKey === undefined ? null : m.orderingKey,
    'pa': m.publishedAt,
    'pub': m.publisher,
    'n': count,
    'vm': remainingMs
  };
  return r;
};

const isRecord = (v: JsonValue | undefined): boolean => v !== undefined && v !== null && typeof v === 'object' && !Array.isArray(v);

/** Decodes a delivery request body; undefined when malformed. */
export const decodeDelivery = (body: JsonValue | Uint8Array | undefined): WireDelivery | undefined => {
  if (body === undefined || body instanceof Uint8Array || !isRecord(body)) {
    return undefined;
  }
  const r = body as Record<string, JsonValue>;
  const t = r['t'];
  const g = r['g'];
  const i = r['i'];
  const s = r['s'];
  const p = r['p'];
  const h = r['h'];
  const pr = r['pr'];
  const k = r['k'];
  const pa = r['pa'];
  const pub = r['pub'];
  const n = r['n'];
  const vm = r['vm'];
  if (typeof t !== 'string' || !isTopicName(t) || typeof g !== 'string' || !isGroupName(g) || typeof i !== 'string' ||
    typeof s !== 'number' || p === undefined || !isRecord(h) || typeof pr !== 'number' || !Number.isInteger(pr) || pr < 0 ||
    pr > 9 || (k !== null && typeof k !== 'string') || typeof pa !== 'number' || typeof pub !== 'string' ||
    typeof n !== 'number' || n < 1 || typeof vm !== 'number' || !(vm >= 0)) {
    return undefined;
  }
  const hr = h as Record<string, JsonValue>;
  const headers: Record<string, string> = {};
  for (const name of Object.keys(hr)) {
    const v = hr[name];
    if (typeof v !== 'string') {
      return undefined;
    }
    headers[name] = v;
  }
  const message = new QueueMessage(i, t, p, headers, pr, k === null ? undefined : k as string, pa, pub, s);
  return new WireDelivery(message, g, n, vm);
};

/** The response body of a delivery outcome. */
export const encodeOutcome = (o: DeliveryOutcome): JsonValue => {
  if (o.kind === OutcomeKind.ACK) {
    return ACK_BODY;
  }
  const r: Record<string, JsonValue> = { 'o': o.kind, 'd': o.delayMs, 'c': o.code, 'm': o.message };
  return r;
};

const ACK_BODY: Record<string, JsonValue> = { 'o': OutcomeKind.ACK };

const KINDS: Map<string, OutcomeKind> = new Map<string, OutcomeKind>([
  [OutcomeKind.ACK, OutcomeKind.ACK], [OutcomeKind.RETRY, OutcomeKind.RETRY], [OutcomeKind.DEAD, OutcomeKind.DEAD],
  [OutcomeKind.BUSY, OutcomeKind.BUSY], [OutcomeKind.GONE, OutcomeKind.GONE], [OutcomeKind.TIMEOUT, OutcomeKind.TIMEOUT]
]);

/** Decodes an outcome; a malformed body counts as GONE (the delivery is retried elsewhere). */
export const decodeOutcome = (body: JsonValue | Uint8Array | undefined): DeliveryOutcome => {
  if (body === undefined || body instanceof Uint8Array || !isRecord(body)) {
    return DeliveryOutcome.GONE;
  }
  const r = body as Record<string, JsonValue>;
  const o = r['o'];
  const kind = typeof o === 'string' ? KINDS.get(o) : undefined;
  if (kind === undefined) {
    return DeliveryOutcome.GONE;
  }
  switch (kind) {
    case OutcomeKind.ACK:
      return DeliveryOutcome.ACK;
    case OutcomeKind.BUSY:
      return DeliveryOutcome.BUSY;
    case OutcomeKind.GONE:
      return DeliveryOutcome.GONE;
    default: {
      const d = r['d'];
      const c = r['c'];
      const m = r['m'];
      return new DeliveryOutcome(kind, typeof d === 'number' && Number.isFinite(d) ? d : -1, typeof c === 'string' ? c : '',
        typeof m === 'string' ? m : '');
    }
  }
};
