/** Counters of a Membership instance (for tests, metrics and the simulator). */
export class MembershipStats {
  /** Probe rounds started. */
  probes: number = 0;
  /** Direct pings that missed their ack (indirect probes followed). */
  directFailures: number = 0;
  /** ping-req messages sent. */
  indirectProbes: number = 0;
  /** Probes that failed both directly and indirectly (the target became suspect). */
  probeFailures: number = 0;
  /** Pings sent to suspects to let them refute. */
  verifications: number = 0;
  /** Suspicions this node raised. */
  suspicionsRaised: number = 0;
  /** Members this node declared dead after their suspicion timed out. */
  deathsDeclared: number = 0;
  /** Times this node raised its incarnation to refute a claim about itself. */
  refutations: number = 0;
  /** Gossip messages sent. */
  gossipSent: number = 0;
  /** Full-state exchanges this node started (join, push-pull, reconnect). */
  syncs: number = 0;
  /** Invalid updates or messages received and skipped. */
  invalid: number = 0;
}
