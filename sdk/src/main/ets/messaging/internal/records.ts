import { JsonValue } from '../../core/json/JsonValue';
import { DeadLetter, DeadLetterReason } from '../DeadLetter';
import { QueueMessage } from '../QueueMessage';
import { StoredMessage } from './StoredMessage';

// The JSON records a queue keeps in its KeyValueStore (see StoreKeys). Short field names: a record
// is written per message. Decoders validate every field and return undefined for a bad record.

/** The still-pending state of a message in one group. */
export class PendingRecord {
  readonly attempts: number;
  readonly retryAt: number;
  readonly code: string;
  readonly message: string;

  constructor(attempts: number, retryAt: number, code: string, message: string) {
    this.attempts = attempts;
    this.retryAt = retryAt;
    this.code = code;
    this.message = message;
  }
}

/** A known consumer group. */
export class GroupRecord {
  readonly expiryMs: number;

  constructor(expiryMs: number) {
    this.expiryMs = expiryMs;
  }
}

/** A message id in the dedup window. */
export class DedupRecord {
  readonly seq: number;
  readonly at: number;

  constructor(seq: number, at: number) {
    this.seq = seq;
    this.at = at;
  }
}

/** The `a` marker of a group done with a message others still hold. */
export const ACKED_MARKER = '1';

const finiteOrNull = (n: number): JsonValue => (Number.isFinite(n) ? n : null);

const parseObject = (text: string): Record<string, JsonValue> | undefined => {
  try {
    const v = JSON.parse(text) as JsonValue;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      return undefined;
    }
    return v as Record<string, JsonValue>;
  } catch (e) {
    return undefined;
  }
};

const num = (r: Record<string, JsonValue>, k: string): number | undefined => {
  const v = r[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};

const numOrInfinity = (r: Record<string, JsonValue>, k: string): number | undefined => {
  const v = r[k];
  if (v === null) {
    return Infinity;
  }
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};

const str = (r: Record<string, JsonValue>, k: string): string | undefined => {
  const v = r[k];
  return typeof v === 'string' ? v : undefined;
};

const headersOf = (v: JsonValue | undefined): Record<string, string> | undefined => {
  if (v === undefined || v === null || typeof v !== 'object' || Array.isArray(v)) {
    return undefined;
  }
  const rec = v as Record<string, JsonValue>;
  const out: Record<string, string> = {};
  for (const k of Object.keys(rec)) {
    const h = rec[k];
    if (typeof h !== 'string') {
      return undefined;
    }
    out[k] = h;
  }
  return out;
};

const validPriority = (p: number | undefined): boolean => p !== undefined && Number.isInteger(p) && p >= 0 && p <= 9;

/** A decoded `m` record: the message and the groups it was published to. */
export class DecodedMessage {
  readonly message: StoredMessage;
  readonly groups: string[];

  constructor(message: StoredMessage, groups: string[]) {
    this.message = message;
    this.groups = groups;
  }
}

/** JSON text of a payload; throws for a value JSON cannot carry. */
export const payloadText = (payload: JsonValue): string => {
  const text = JSON.stringify(payload);
  if (typeof text !== 'string') {
    throw new Error('not serialisable');
  }
  return text;
};

/**
 * The `m` record of a message with its target groups, built as text from the payload's JSON (no
 * intermediate object).
 */
export const encodeMessage = (m: StoredMessage, payload: string, groups: ReadonlyArray<string>): string => {
  const key = m.orderingKey;
  return '{"i":' + JSON.stringify(m.id) + ',"p":' + payload + ',"h":' + JSON.stringify(m.headers) + ',"pr":' + m.priority +
    ',"k":' + (key === undefined ? 'null' : JSON.stringify(key)) + ',"pa":' + m.publishedAt + ',"aa":' + m.availableAt +
    ',"ea":' + (Number.isFinite(m.expiresAt) ? String(m.expiresAt) : 'null') + ',"x":' + (m.explicitId ? '1' : '0') +
    ',"g":' + JSON.stringify(groups) + '}';
};

/** Decodes an `m` record (undefined when malformed). */
export const decodeMessage = (text: string, topic: string, seq: number, publisher: string): DecodedMessage | undefined => {
  const r = parseObject(text);
  if (r === undefined) {
    return undefined;
  }
  const id = str(r, 'i');
  const payload = r['p'];
  const headers = headersOf(r['h']);
  const priority = num(r, 'pr');
  const key = r['k'];
  const publishedAt = num(r, 'pa');
  const availableAt = num(r, 'aa');
  const expiresAt = numOrInfinity(r, 'ea');
  const g = r['g'];
  if (id === undefined || payload === undefined || headers === undefined || !validPriority(priority) ||
    (key !== null && typeof key !== 'string') || publishedAt === undefined || availableAt === undefined ||
    expiresAt === undefined || !Array.isArray(g)) {
    return undefined;
  }
  const groups: string[] = [];
  for (const name of g as JsonValue[]) {
    if (typeof name !== 'string') {
      return undefined;
    }
    groups.push(name);
  }
  const m = new StoredMessage(seq, id, topic, payload, headers, priority as number, key === null ? undefined : key as string,
    publishedAt, availableAt, expiresAt, num(r, 'x') === 1, publisher);
  return new DecodedMessage(m, groups);
};

/** The `p` record of a message that failed in a group (written only once it has failed). */
export const encodePending = (attempts: number, retryAt: number, code: string, message: string): string => {
  const r: Record<string, JsonValue> = { 'n': attempts, 'r': retryAt, 'c': code, 'e': message };
  return JSON.stringify(r);
};

/** Decodes a `p` record. */
export const decodePending = (text: string): PendingRecord | undefined => {
  const r = parseObject(text);
  if (r === undefined) {
    return undefined;
  }
  const n = num(r, 'n');
  if (n === undefined || !Number.isInteger(n) || n < 0) {
    return undefined;
  }
  return new PendingRecord(n, num(r, 'r') ?? 0, str(r, 'c') ?? '', str(r, 'e') ?? '');
};

/** The `d` record of a dead letter (self-contained: the message is deleted). */
export const encodeDead = (d: DeadLetter): string => {
  const m = d.message;
  const r: Record<string, JsonValue> = {
    'i': m.id,
    'p': m.payload,
    'h': m.headers as Record<string, JsonValue>,
    'pr': m.priority,
    'k': m.orderingKey === undefined ? null : m.orderingKey,
    'pa': m.publishedAt,
    'rs': d.reason,
    'n': d.attempts,
    'c': d.errorCode,
    'e': d.errorMessage,
    'at': d.deadAt
  };
  return JSON.stringify(r);
};

const REASONS: Map<string, DeadLetterReason> = new Map<string, DeadLetterReason>([
  [DeadLetterReason.EXPIRED, DeadLetterReason.EXPIRED],
  [DeadLetterReason.MAX_ATTEMPTS, DeadLetterReason.MAX_ATTEMPTS],
  [DeadLetterReason.REJECTED, DeadLetterReason.REJECTED],
  [DeadLetterReason.OVERFLOW, DeadLetterReason.OVERFLOW],
  [DeadLetterReason.GROUP_EXPIRED, DeadLetterReason.GROUP_EXPIRED]
]);

/** Decodes a `d` record. */
export const decodeDead = (text: string, topic: string, group: string, seq: number, publisher: string): DeadLetter | undefined => {
  const r = parseObject(text);
  if (r === undefined) {
    return undefined;
  }
  const id = str(r, 'i');
  const payload = r['p'];
  const headers = headersOf(r['h']);
  const priority = num(r, 'pr');
  const key = r['k'];
  const publishedAt = num(r, 'pa');
  const reason = REASONS.get(str(r, 'rs') ?? '');
  const attempts = num(r, 'n');
  const deadAt = num(r, 'at');
  if (id === undefined || payload === undefined || headers === undefined || !validPriority(priority) ||
    (key !== null && typeof key !== 'string') || publishedAt === undefined || reason === undefined ||
    attempts === undefined || deadAt === undefined) {
    return undefined;
  }
  const message = new QueueMessage(id, topic, payload, headers, priority as number, key === null ? undefined : key as string,
    publishedAt, publisher, seq);
  return new DeadLetter(message, group, reason, attempts, str(r, 'c') ?? '', str(r, 'e') ?? '', deadAt);
};

/** The `g` record of a known group. */
export const encodeGroup = (expiryMs: number): string => {
  const r: Record<string, JsonValue> = { 'x': finiteOrNull(expiryMs) };
  return JSON.stringify(r);
};

/** Decodes a `g` record. */
export const decodeGroup = (text: string): GroupRecord | undefined => {
  const r = parseObject(text);
  if (r === undefined) {
    return undefined;
  }
  const x = numOrInfinity(r, 'x');
  return x === undefined || x <= 0 ? undefined : new GroupRecord(x);
};

/** The `x` record of a remembered message id. */
export const encodeDedup = (seq: number, at: number): string => {
  const r: Record<string, JsonValue> = { 's': seq, 'a': at };
  return JSON.stringify(r);
};

/** Decodes an `x` record. */
export const decodeDedup = (text: string): DedupRecord | undefined => {
  const r = parseObject(text);
  if (r === undefined) {
    return undefined;
  }
  const s = num(r, 's');
  const a = num(r, 'a');
  return s === undefined || a === undefined ? undefined : new DedupRecord(s, a);
};
