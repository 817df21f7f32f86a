/**
 * The typed protocol between the UI (main thread) and the engine host (a dedicated worker, or the
 * same thread in tests): requests with their reply types, and the snapshot patches the host
 * publishes. Everything here is structured-clone safe (plain objects, arrays, numbers, strings).
 */
import type {
  BreakerEvent, BreakerView, ControlRecord, DeviceView, FaultEvent, DeviceEvent, MetricsEvent, PartitionView, QueueEvent,
  RunSpeed, RunStatus, SagaEvent, ScenarioIssue, SimEvent, SimEventType, SimulationReport, TraceFormat,
} from '../../engine/index';

/** A JSON value (the engine's control actions and trace exports are JSON). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What a resumed run found in IndexedDB after a reload. */
export interface ResumeInfo {
  /** Virtual time of the checkpoint the data comes from. */
  checkpointTime: number;
  savedAt: number;
  devices: number;
  keys: number;
}

/** Storage of the simulated devices (the storage inspector). */
export interface StorageInfo {
  backend: string;
  devices: number;
  keys: number;
  pendingWrites: number;
  checkpoints: number;
  /** Keys per device and per key prefix (the part before the first '/' or ':'). */
  perDevice: Array<{ device: string; keys: number; prefixes: Record<string, number> }>;
}

/** One span of a trace with everything the details panel shows. */
export interface SpanDetail {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  kind: string;
  device: string;
  /** Virtual ms since the start of the run. */
  start: number;
  durationMs: number;
  status: 'unset' | 'ok' | 'error';
  statusMessage: string;
  attributes: Record<string, Json>;
  events: Array<{ name: string; time: number; attributes: Record<string, Json> }>;
  links: Array<{ traceId: string; spanId: string }>;
  remoteParent: boolean;
}

/** Requests the UI sends, keyed by kind, with their reply types. */
export interface EngineRequests {
  /** Validates and loads a scenario. `resume`: reuse the devices' stored data of the same scenario (after a reload). */
  load: { request: { text: string; resume: boolean }; reply: { issues: ScenarioIssue[]; resumed: ResumeInfo | undefined } };
  /** Loads a recorded run: the scenario with its live controls re-applied at their times. */
  replay: { request: { text: string; controls: ControlRecord[] }; reply: { issues: ScenarioIssue[] } };
  play: { request: { speed: RunSpeed | undefined }; reply: null };
  pause: { request: null; reply: null };
  step: { request: { ms: number | undefined }; reply: null };
  seek: { request: { t: number }; reply: null };
  reset: { request: null; reply: null };
  setSpeed: { request: { speed: RunSpeed }; reply: null };
  runToEnd: { request: null; reply: null };
  /** A live control (the engine's FaultAction JSON). */
  control: { request: { action: { [key: string]: Json } }; reply: { issues: ScenarioIssue[] } };
  /** The kept spans (of one trace when `traceId` is given) as an export document. */
  exportTraces: { request: { format: TraceFormat; traceId: string | undefined }; reply: Json | undefined };
  trace: { request: { traceId: string }; reply: SpanDetail[] };
  report: { request: null; reply: SimulationReport | undefined };
  /** The run's retained events and controls (for saving a recorded run). */
  recording: { request: null; reply: { events: SimEvent[]; controls: ControlRecord[]; seed: string; scenario: string } | undefined };
  storage: { request: null; reply: StorageInfo };
  /** Deletes the devices' stored data (a factory reset) and reloads the scenario fresh. */
  clearStorage: { request: null; reply: null };
  /** Commits the devices' stores now (the page is being hidden or closed). */
  checkpoint: { request: null; reply: null };
  /** Publishes a full snapshot (a UI attaching). */
  hello: { request: null; reply: null };
}

export type RequestKind = keyof EngineRequests;

export interface RequestMessage<K extends RequestKind = RequestKind> {
  type: 'request';
  id: number;
  kind: K;
  payload: EngineRequests[K]['request'];
}

export interface ReplyMessage {
  type: 'reply';
  id: number;
  ok: boolean;
  value: unknown;
  error: string | undefined;
}

/** Health of a service instance as the topology colours it. */
export type Health = 'healthy' | 'degraded' | 'unhealthy' | 'down' | 'idle';

/** Breaker state as the UI ranks it (forced-open counts as open; disabled as none). */
export type BreakerLevel = 'none' | 'closed' | 'half-open' | 'open';

/** One service instance (`service@device`) in the topology. */
export interface InstanceView {
  id: string;
  service: string;
  device: string;
  version: string;
  health: Health;
  /** Worst state of the breakers that guard this instance on the calling devices. */
  breaker: BreakerLevel;
  /** Calls served per second, error share and mean latency over the edge window. */
  rps: number;
  errorRate: number;
  latencyMs: number;
}

/** Live traffic from a calling device to an instance, over the edge window. */
export interface EdgeView {
  id: string;
  from: string;
  to: string;
  service: string;
  rps: number;
  errorRate: number;
  latencyMs: number;
}

/** A device's membership as the rest of the mesh sees it (SWIM). */
export interface MemberView {
  device: string;
  /** Observers that currently see it suspect / dead / left. */
  suspectBy: number;
  deadBy: number;
  leftBy: number;
  /** The worst view: 'alive' unless some observer sees it suspect or dead. */
  state: 'alive' | 'suspect' | 'dead' | 'left';
}

export interface TopologyModel {
  instances: InstanceView[];
  edges: EdgeView[];
  members: MemberView[];
  /** The window the rates are measured over, virtual ms. */
  windowMs: number;
  /** Edges left out (only the busiest are kept). */
  hiddenEdges: number;
}

/** A trace as the list shows it. */
export interface TraceSummary {
  traceId: string;
  root: string;
  services: string[];
  devices: string[];
  start: number;
  durationMs: number;
  spans: number;
  errors: number;
  status: 'ok' | 'error';
  /** Virtual time of the latest span that ended in it. */
  updated: number;
}

/** Latest statistics of one topic and consumer group, with rates over the last two samples. */
export interface QueueView extends QueueEvent {
  publishRate: number;
  ackRate: number;
}

export interface SagaView {
  id: string;
  saga: string;
  device: string;
  state: string;
  step: string | undefined;
  started: number;
  updated: number;
  transitions: Array<{ t: number; state: string; step: string | undefined }>;
}

/** Rate limiting as seen at the gateway: 429s per route over the edge window. */
export interface RateLimitView {
  route: string;
  requests: number;
  limited: number;
  lastLimitedAt: number | undefined;
}

/** The engine state fields the UI mirrors (EngineState without the bulky `recent` list). */
export interface EngineMirror {
  status: RunStatus;
  error: string | undefined;
  issues: ScenarioIssue[];
  scenarioName: string | undefined;
  scenarioDescription: string;
  seed: string;
  speed: RunSpeed;
  time: number;
  durationMs: number;
  progress: number;
  generation: number;
  devices: DeviceView[];
  breakers: BreakerView[];
  partitions: PartitionView[];
  metrics: MetricsEvent | undefined;
  eventCounts: Partial<Record<SimEventType, number>>;
  events: number;
  controls: ControlRecord[];
  eventsPerSecond: number;
  report: SimulationReport | undefined;
  /** Request streams of the scenario (for the workload slider). */
  streams: Array<{ id: string; rate: number }>;
  /** Gateway device and routes (for gateway faults and rate limits). */
  gateway: { device: string; routes: string[]; rateLimit: string | undefined } | undefined;
  /** Service name -> version per instance id (`service@device`). */
  instanceVersions: Record<string, string>;
}

/**
 * What the host publishes after changes: the engine fields that changed, the topology aggregates,
 * and what was appended since the last patch. `reset` means the simulation was rebuilt (load,
 * reset, backward seek): drop everything accumulated before.
 */
export interface SnapshotPatch {
  generation: number;
  reset: boolean;
  engine: Partial<EngineMirror>;
  topology: TopologyModel | undefined;
  metrics: MetricsEvent[];
  breakerTransitions: BreakerEvent[];
  log: Array<FaultEvent | DeviceEvent>;
  traces: TraceSummary[];
  queues: QueueView[];
  sagas: SagaView[];
  rateLimits: RateLimitView[] | undefined;
  /** True when the run is resumed from stored data (after a reload). */
  resumed: ResumeInfo | undefined;
}

export interface SnapshotMessage {
  type: 'snapshot';
  patch: SnapshotPatch;
}

export type HostMessage = ReplyMessage | SnapshotMessage;
