/** Store key prefix of a device's queue: `arkmesh/mq/<deviceId>/`. */
export const MESSAGING_STORE_PREFIX = 'arkmesh/mq/';

const SEQ_DIGITS = 16;
const ZEROS = '0000000000000000';

/** A sequence number as 16 zero-padded digits, so keys sort in sequence order. */
export const padSeq = (seq: number): string => {
  const s = String(seq);
  return s.length >= SEQ_DIGITS ? s : ZEROS.substring(0, SEQ_DIGITS - s.length) + s;
};

/** Kinds of records a queue keeps under its prefix. */
export enum RecordKind {
  /** `m/<topic>/<seq>`: a held message. */
  MESSAGE = 'm',
  /** `p/<topic>/<group>/<seq>`: the retry state (attempts, retry time) of a message in a group that failed there. */
  PENDING = 'p',
  /** `a/<topic>/<group>/<seq>`: the group is done with a message other groups still hold. */
  ACKED = 'a',
  /** `d/<topic>/<group>/<seq>`: a dead letter. */
  DEAD = 'd',
  /** `g/<topic>/<group>`: a known consumer group. */
  GROUP = 'g',
  /** `x/<topic>/<messageId>`: a message id in the dedup window. */
  DEDUP = 'x'
}

/** The store keys of one device's queue. */
export class StoreKeys {
  readonly prefix: string;

  constructor(deviceId: string) {
    this.prefix = `${MESSAGING_STORE_PREFIX}${deviceId}/`;
  }

  message(topic: string, seq: number): string {
    return `${this.prefix}m/${topic}/${padSeq(seq)}`;
  }

  pending(topic: string, group: string, seq: number): string {
    return `${this.prefix}p/${topic}/${group}/${padSeq(seq)}`;
  }

  acked(topic: string, group: string, seq: number): string {
    return `${this.prefix}a/${topic}/${group}/${padSeq(seq)}`;
  }

  dead(topic: string, group: string, seq: number): string {
    return `${this.prefix}d/${topic}/${group}/${padSeq(seq)}`;
  }

  group(topic: string, group: string): string {
    return `${this.prefix}g/${topic}/${group}`;
  }

  dedup(topic: string, messageId: string): string {
    return `${this.prefix}x/${topic}/${messageId}`;
  }
}
