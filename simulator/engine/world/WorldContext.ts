import type {
  BreakerStateChange, CallCompletedEvent, GatewayExchange, MembershipEvent as SdkMembershipEvent, ReadableSpan, RedMetrics,
  SeededRandom, SimNetwork, VirtualClock,
} from '../sdk';
import type { EventLog } from '../events/EventLog';
import type { Scenario } from '../scenario/Scenario';
import type { DelayQueue } from './DelayQueue';
import type { SpanCollector } from './SpanCollector';

/** What the parts of a simulation (devices, gateway, workload, faults) share. */
export interface WorldContext {
  readonly scenario: Scenario;
  readonly clock: VirtualClock;
  readonly network: SimNetwork;
  readonly random: SeededRandom;
  readonly delays: DelayQueue;
  readonly events: EventLog;
  readonly spans: SpanCollector;
  /** The fleet's RED metrics (every node's metrics plugin records into it). */
  readonly red: RedMetrics;
  /** Virtual ms since the start of the run. */
  elapsed(): number;
  onCall(device: string, e: CallCompletedEvent): void;
  onMembership(observer: string, e: SdkMembershipEvent): void;
  onBreaker(device: string, e: BreakerStateChange): void;
  onExchange(device: string, e: GatewayExchange): void;
  onSpan(device: string, span: ReadableSpan): void;
}
