import { JsonObject } from '../core/json/JsonValue';
import { MemberEventType, MemberState } from './MemberState';

/** An immutable snapshot of one member as a node sees it. */
export class Member {
  readonly id: string;
  readonly deviceType: string;
  /** The member's incarnation: only it raises it (to refute a suspicion, or on a metadata change). */
  readonly incarnation: number;
  readonly state: MemberState;
  /** The member's published metadata (the registry's instance records); undefined when unknown. */
  readonly meta: JsonObject | undefined;
  /** Clock time of the last state change. */
  readonly since: number;

  constructor(id: string, deviceType: string, incarnation: number, state: MemberState, meta: JsonObject | undefined,
    since: number) {
    this.id = id;
    this.deviceType = deviceType;
    this.incarnation = incarnation;
    this.state = state;
    this.meta = meta;
    this.since = since;
  }
}

/** One membership change. */
export interface MembershipEvent {
  type: MemberEventType;
  member: Member;
  /** State before the change; undefined for a member seen for the first time. */
  previous: MemberState | undefined;
  /** Clock time of the change. */
  at: number;
}
