import { Disposable } from '../../core/events/Disposable';
import { Envelope } from '../Envelope';
import { Deadline } from './DeadlineQueue';

/** Receives the end of a pending request (implemented by BaseTransport). */
export interface PendingOwner {
  expirePending(pending: PendingRequest): void;
}

/** A request waiting for its response: settles exactly once (response, deadline, cancel or close). */
export class PendingRequest extends Deadline {
  readonly seq: number;
  readonly to: string;
  readonly topic: string;
  readonly startedAt: number;
  private readonly _owner: PendingOwner;
  resolve: (response: Envelope) => void = (response: Envelope): void => {};
  reject: (error: Error) => void = (error: Error): void => {};
  cancelSubscription: Disposable | undefined = undefined;

  constructor(owner: PendingOwner, seq: number, to: string, topic: string, startedAt: number, deadline: number) {
    super();
    this._owner = owner;
    this.seq = seq;
    this.to = to;
    this.topic = topic;
    this.startedAt = startedAt;
    this.deadline = deadline;
  }

  expire(): void {
    this._owner.expirePending(this);
  }
}
