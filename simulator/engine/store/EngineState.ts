import type { MetricsEvent, SimEvent, SimEventType } from '../events/SimEvent';
import type { SimulationReport } from '../report/Report';
import type { ScenarioIssue } from '../scenario/Checker';
import type { Scenario } from '../scenario/Scenario';
import type { ControlRecord } from '../world/Simulation';

/**
 * - `empty`: no scenario loaded (or the last one was invalid: see `issues`);
 * - `ready`: loaded, at time 0 or stopped by a seek, not running;
 * - `running`: advancing (paced or as fast as possible);
 * - `paused`: stopped mid-run by `pause()`;
 * - `finished`: reached the scenario's duration (`report` is final);
 * - `error`: the run failed (`error` says why).
 */
export type RunStatus = 'empty' | 'ready' | 'running' | 'paused' | 'finished' | 'error';

/** `max`: as fast as possible; a number: virtual seconds per wall-clock second (0.1 .. 100). */
export type RunSpeed = number | 'max';

export interface DeviceView {
  id: string;
  type: string;
  zone: string | undefined;
  state: 'up' | 'crashed' | 'down';
  services: string[];
  crashes: number;
  restarts: number;
  /** Live members this device sees (itself included); 0 while it is down. */
  liveMembers: number;
  /** Calls this device made so far, and how many failed. */
  callsMade: number;
  callsFailed: number;
}

export interface BreakerView {
  /** The calling device that owns the breaker. */
  device: string;
  /** The instance it guards (`service@device`). */
  breaker: string;
  service: string | undefined;
  target: string | undefined;
  state: string;
  /** Virtual ms of the last transition. */
  since: number;
}

export interface PartitionView {
  id: string;
  sideA: string[];
  sideB: string[] | undefined;
}

/** Everything the UI renders, as one immutable snapshot per update (a zustand/vanilla store). */
export interface EngineState {
  status: RunStatus;
  error: string | undefined;
  /** Problems of the last scenario given to `load` (empty when it was valid). */
  issues: ScenarioIssue[];
  scenario: Scenario | undefined;
  speed: RunSpeed;
  /** Virtual ms since the start of the run. */
  time: number;
  durationMs: number;
  /** time / durationMs. */
  progress: number;
  /** Increments whenever the simulation is rebuilt (load, reset, seek backwards): drop derived state. */
  generation: number;
  devices: DeviceView[];
  breakers: BreakerView[];
  partitions: PartitionView[];
  /** The latest periodic metrics snapshot. */
  metrics: MetricsEvent | undefined;
  /** The most recent events (all types, at most `recentLimit`), oldest first. */
  recent: SimEvent[];
  eventCounts: Partial<Record<SimEventType, number>>;
  events: number;
  /** Live controls applied so far (the run's replay script). */
  controls: ControlRecord[];
  /** Wall-clock throughput of the last update: events and settled calls per second. */
  eventsPerSecond: number;
  /** The report: final once `finished`, else a snapshot taken by `refreshReport()`. */
  report: SimulationReport | undefined;
}

export const initialEngineState = (): EngineState => ({
  status: 'empty', error: undefined, issues: [], scenario: undefined, speed: 1, time: 0, durationMs: 0, progress: 0,
  generation: 0, devices: [], breakers: [], partitions: [], metrics: undefined, recent: [], eventCounts: {}, events: 0,
  controls: [], eventsPerSecond: 0, report: undefined,
});
