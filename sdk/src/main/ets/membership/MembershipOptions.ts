import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';

/** Time between two probe rounds of a node: 1 s. */
export const DEFAULT_PROBE_INTERVAL_MS = 1000;
/** How long a direct ping waits for its ack before indirect probes start: 500 ms. */
export const DEFAULT_PROBE_TIMEOUT_MS = 500;
/** Members asked to ping a target that missed its direct ack: 3. */
export const DEFAULT_INDIRECT_PROBES = 3;
/** Suspicion timeout = multiplier x max(1, log10(live members)) x probe interval: 4. */
export const DEFAULT_SUSPICION_MULTIPLIER = 4;
/** Each update is piggybacked multiplier x ceil(log10(live members + 1)) times: 4. */
export const DEFAULT_RETRANSMIT_MULTIPLIER = 4;
/** Time between two gossip rounds: 200 ms. */
export const DEFAULT_GOSSIP_INTERVAL_MS = 200;
/** Members each gossip round sends pending updates to: 3. */
export const DEFAULT_GOSSIP_FANOUT = 3;
/** Dead members keep getting gossip (so they learn and can refute) for: 30 s. */
export const DEFAULT_GOSSIP_TO_THE_DEAD_MS = 30000;
/** Updates piggybacked on one message at most: 8. */
export const DEFAULT_MAX_PIGGYBACK = 8;
/** Time between two full-state exchanges with a random live member (anti-entropy): 30 s. */
export const DEFAULT_PUSH_PULL_INTERVAL_MS = 30000;
/** Deadline of a full-state exchange (join, push-pull, reconnect): 2 s. */
export const DEFAULT_SYNC_TIMEOUT_MS = 2000;
/** Time between two attempts to reach a random dead member (heals partitions): 10 s. */
export const DEFAULT_RECONNECT_INTERVAL_MS = 10000;
/** How long dead and left members are remembered (so stale gossip cannot resurrect them): 1 h. */
export const DEFAULT_DEAD_RETENTION_MS = 3600000;
/** Time between two join attempts while no seed has answered: 2 s. */
export const DEFAULT_JOIN_RETRY_INTERVAL_MS = 2000;
/** Suspects a node pings itself per probe round (carrying the suspicion, so they can refute): 3. */
export const DEFAULT_SUSPECT_VERIFICATIONS = 3;

/** SWIM tuning; every field optional (defaults: the DEFAULT_* constants above). */
export interface MembershipOptions {
  probeIntervalMs?: number;
  /** Must be below probeIntervalMs. */
  probeTimeoutMs?: number;
  indirectProbes?: number;
  suspicionMultiplier?: number;
  retransmitMultiplier?: number;
  gossipIntervalMs?: number;
  gossipFanout?: number;
  gossipToTheDeadMs?: number;
  maxPiggyback?: number;
  pushPullIntervalMs?: number;
  syncTimeoutMs?: number;
  reconnectIntervalMs?: number;
  deadRetentionMs?: number;
  joinRetryIntervalMs?: number;
  /** Pings per probe round to members this node suspects (0 turns the verification off). */
  suspectVerifications?: number;
}

const positiveInt = (v: number | undefined, fallback: number, field: string, min: number): number => {
  const x = v ?? fallback;
  if (!Number.isInteger(x) || x < min) {
    throw new InvalidArgumentError(`membership.${field}`, `must be an integer >= ${min}`);
  }
  return x;
};

/** MembershipOptions with every default filled in and validated. */
export class ResolvedMembershipOptions {
  readonly probeIntervalMs: number;
  readonly probeTimeoutMs: number;
  readonly indirectProbes: number;
  readonly suspicionMultiplier: number;
  readonly retransmitMultiplier: number;
  readonly gossipIntervalMs: number;
  readonly gossipFanout: number;
  readonly gossipToTheDeadMs: number;
  readonly maxPiggyback: number;
  readonly pushPullIntervalMs: number;
  readonly syncTimeoutMs: number;
  readonly reconnectIntervalMs: number;
  readonly deadRetentionMs: number;
  readonly joinRetryIntervalMs: number;
  readonly suspectVerifications: number;

  private constructor(o: MembershipOptions) {
    this.probeIntervalMs = positiveInt(o.probeIntervalMs, DEFAULT_PROBE_INTERVAL_MS, 'probeIntervalMs', 1);
    this.probeTimeoutMs = positiveInt(o.probeTimeoutMs, Math.min(DEFAULT_PROBE_TIMEOUT_MS, Math.floor(this.probeIntervalMs / 2)),
      'probeTimeoutMs', 1);
    if (this.probeTimeoutMs >= this.probeIntervalMs) {
      throw new InvalidArgumentError('membership.probeTimeoutMs', 'must be below probeIntervalMs');
    }
    this.indirectProbes = positiveInt(o.indirectProbes, DEFAULT_INDIRECT_PROBES, 'indirectProbes', 0);
    this.suspicionMultiplier = positiveInt(o.suspicionMultiplier, DEFAULT_SUSPICION_MULTIPLIER, 'suspicionMultiplier', 1);
    this.retransmitMultiplier = positiveInt(o.retransmitMultiplier, DEFAULT_RETRANSMIT_MULTIPLIER, 'retransmitMultiplier', 1);
    this.gossipIntervalMs = positiveInt(o.gossipIntervalMs, DEFAULT_GOSSIP_INTERVAL_MS, 'gossipIntervalMs', 1);
    this.gossipFanout = positiveInt(o.gossipFanout, DEFAULT_GOSSIP_FANOUT, 'gossipFanout', 1);
    this.gossipToTheDeadMs = positiveInt(o.gossipToTheDeadMs, DEFAULT_GOSSIP_TO_THE_DEAD_MS, 'gossipToTheDeadMs', 0);
    this.maxPiggyback = positiveInt(o.maxPiggyback, DEFAULT_MAX_PIGGYBACK, 'maxPiggyback', 1);
    this.pushPullIntervalMs = positiveInt(o.pushPullIntervalMs, DEFAULT_PUSH_PULL_INTERVAL_MS, 'pushPullIntervalMs', 1);
    this.syncTimeoutMs = positiveInt(o.syncTimeoutMs, DEFAULT_SYNC_TIMEOUT_MS, 'syncTimeoutMs', 1);
    this.reconnectIntervalMs = positiveInt(o.reconnectIntervalMs, DEFAULT_RECONNECT_INTERVAL_MS, 'reconnectIntervalMs', 1);
    this.deadRetentionMs = positiveInt(o.deadRetentionMs, DEFAULT_DEAD_RETENTION_MS, 'deadRetentionMs', 0);
    this.joinRetryIntervalMs = positiveInt(o.joinRetryIntervalMs, DEFAULT_JOIN_RETRY_INTERVAL_MS, 'joinRetryIntervalMs', 1);
    this.suspectVerifications = positiveInt(o.suspectVerifications, DEFAULT_SUSPECT_VERIFICATIONS, 'suspectVerifications', 0);
  }

  /** Fills defaults; throws InvalidArgumentError naming the field (`membership.probeTimeoutMs`). */
  static from(options: MembershipOptions | undefined): ResolvedMembershipOptions {
    const empty: MembershipOptions = {};
    return new ResolvedMembershipOptions(options ?? empty);
  }
}
