export { Membership } from './Membership';
export type { MembershipConfig } from './Membership';
export { Member } from './Member';
export type { MembershipEvent } from './Member';
export { MemberState, MemberEventType, isLiveState } from './MemberState';
export { MembershipStats } from './MembershipStats';
export { SwimTopics } from './SwimTopics';
export {
  ResolvedMembershipOptions, DEFAULT_PROBE_INTERVAL_MS, DEFAULT_PROBE_TIMEOUT_MS, DEFAULT_INDIRECT_PROBES,
  DEFAULT_SUSPICION_MULTIPLIER, DEFAULT_RETRANSMIT_MULTIPLIER, DEFAULT_GOSSIP_INTERVAL_MS, DEFAULT_GOSSIP_FANOUT,
  DEFAULT_GOSSIP_TO_THE_DEAD_MS, DEFAULT_MAX_PIGGYBACK, DEFAULT_PUSH_PULL_INTERVAL_MS, DEFAULT_SYNC_TIMEOUT_MS,
  DEFAULT_RECONNECT_INTERVAL_MS, DEFAULT_DEAD_RETENTION_MS, DEFAULT_JOIN_RETRY_INTERVAL_MS, DEFAULT_SUSPECT_VERIFICATIONS
} from './MembershipOptions';
export type { MembershipOptions } from './MembershipOptions';
