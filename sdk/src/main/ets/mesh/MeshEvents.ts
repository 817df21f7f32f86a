/** How a call ended. */
export enum CallOutcome {
  OK = 'ok',
  ERROR = 'error'
}

/** Emitted once per `call` when it settles (after all attempts). */
export interface CallCompletedEvent {
  serviceName: string;
  /** The instance of the last attempt; undefined when none could be selected. */
  instanceId: string | undefined;
  deviceId: string | undefined;
  outcome: CallOutcome;
  /** Response status for OK (a 5xx response is still OK: the handler answered). */
  status: number | undefined;
  /** Error code for ERROR (`ERR_TIMEOUT`, `ERR_NO_HEALTHY_INSTANCE`, a remote handler's code, ...). */
  code: string | undefined;
  latencyMs: number;
  attempts: number;
  /** True when the last attempt was served on this device. */
  local: boolean;
  /** Clock time of completion. */
  at: number;
}

/** Lifecycle of a MeshNode. */
export enum NodeState {
  CREATED = 'created',
  STARTING = 'starting',
  RUNNING = 'running',
  STOPPED = 'stopped',
  /** Its transport was closed under it (the device crashed): everything volatile is gone. */
  CRASHED = 'crashed'
}

/** Counters of a MeshNode. */
export class MeshNodeStats {
  calls: number = 0;
  callFailures: number = 0;
  attempts: number = 0;
  localAttempts: number = 0;
  remoteAttempts: number = 0;
  /** Calls served by this node's handlers (local and remote callers). */
  served: number = 0;
  noHealthyInstance: number = 0;
}
