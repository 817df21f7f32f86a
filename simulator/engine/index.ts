// @arkmesh/simulator engine: the public API shared by the UI, the CLI and the tests (listed by hand).

// Scenarios: types, validation, defaults.
export type {
  Scenario, DeviceType, LatencySpec, LinkSpec, LinkRule, NetworkSpec, HandlerType, HandlerSpec, ServiceSpec, DeviceSpec,
  BreakerWindow, BreakerSpec, RetryBudgetSpec, ResilienceSpec, GatewayRouteSpec, RateLimitKind, RateLimitKeyName, RateLimitSpec,
  GatewayFaultSpec, GatewaySpec, TracingSpec, MetricsSpec, EventsSpec, RatePattern, RequestTarget, RequestStreamSpec,
  PublisherSpec, ConsumerSpec, SagaStreamSpec, WorkloadSpec, FaultAction, FaultActionName, FaultSpec, ExpectationSpec,
} from './scenario/Scenario';
export { DEVICE_TYPES, HANDLER_TYPES } from './scenario/Scenario';
export type {
  ScenarioInput, DurationInput, LatencyInput, LinkInput, DeviceRefInput, LinkRuleInput, NetworkInput, HandlerInput,
  ServiceInput, DeviceInput, BreakerInput, ResilienceInput, GatewayRouteInput, GatewayInput, PatternInput, RequestStreamInput,
  PublisherInput, ConsumerInput, SagaStreamInput, WorkloadInput, FaultInput, ExpectationInput,
} from './scenario/ScenarioInput';
export { validateScenario, parseScenario, ScenarioError } from './scenario/validateScenario';
export type { ScenarioValidation, ValidateOptions } from './scenario/validateScenario';
export { validateControl } from './scenario/validateControl';
export type { ControlValidation } from './scenario/validateControl';
export { formatIssue, parseDuration } from './scenario/Checker';
export type { ScenarioIssue } from './scenario/Checker';
export { FAULT_ACTIONS, EXPECTATION_TYPES } from './scenario/validateActivity';
export { ENGINE_CAPABILITIES } from './scenario/capabilities';
export type { EngineCapabilities } from './scenario/capabilities';
export { resolveDeviceRefs } from './scenario/deviceRefs';
export { describeLatency, latencyModel } from './scenario/latency';
export {
  DEFAULT_SEED, DEFAULT_WARMUP_MS, DEFAULT_SERVICE_LATENCY, DEFAULT_SERVICE_VERSION, DEFAULT_ERROR_CODE, DEFAULT_TRACE_SAMPLE_RATIO,
  DEFAULT_MAX_SPANS, DEFAULT_METRICS_INTERVAL_MS, DEFAULT_METRICS_WINDOW_MS, DEFAULT_CALL_SAMPLE_RATIO, DEFAULT_MAX_RETAINED_EVENTS,
  DEFAULT_BREAKER,
} from './scenario/defaults';

// Events.
export type {
  SimEvent, SimEventType, SimEventInit, EventBase, RunEvent, CallEvent, RouteEvent, SpanEvent, MembershipChange, MembershipEvent,
  BreakerEvent, QueueEvent, SagaEvent, FaultEvent, DeviceEvent, ServiceMetrics, MetricsEvent,
} from './events/SimEvent';
export { SIM_EVENT_TYPES } from './events/SimEvent';
export { EventLog } from './events/EventLog';
export type { SimEventListener } from './events/EventLog';

// Running a scenario.
export { Simulation } from './world/Simulation';
export type { SimulationOptions, ControlRecord } from './world/Simulation';
export { createSettle, DEFAULT_SETTLE_MODE } from './world/settle';
export type { SettleMode } from './world/settle';
export { describeFault } from './world/FaultInjector';
export { WORKLOAD_TICK_MS } from './world/Workload';
export type { StreamStats, StreamDef } from './world/Workload';
export { MessagingRuntime } from './world/MessagingRuntime';
export { SagaRuntime } from './world/SagaRuntime';
export type { SagaCounts } from './world/SagaRuntime';
export { SAGA_LIBRARY } from './scenario/sagaLibrary';
export type { SagaRecipe } from './scenario/sagaLibrary';
export type { MessageAudit } from './world/MessagingRuntime';
export { SimDevice } from './world/SimDevice';
export type { DeviceState } from './world/SimDevice';

// The engine (UI): store, commands, pacing.
export {
  SimulatorEngine, MIN_SPEED, MAX_SPEED, DEFAULT_FRAME_MS, DEFAULT_STEP_MS, DEFAULT_MAX_SLICE_MS, DEFAULT_RECENT_LIMIT,
} from './run/SimulatorEngine';
export type { EngineOptions, EngineCommands } from './run/SimulatorEngine';
export { SYSTEM_WALL_CLOCK, ManualWallClock } from './run/WallClock';
export type { WallClock } from './run/WallClock';
export { initialEngineState } from './store/EngineState';
export type { EngineState, RunStatus, RunSpeed, DeviceView, BreakerView, PartitionView } from './store/EngineState';

// Reports and exports.
export type {
  SimulationReport, ServiceReport, DeviceReport, RouteReport, BreakerReport, ExpectationResult, LatencySummary, NotAvailable,
  MessagingReport, SagaReport,
} from './report/Report';
export { describeExpectation } from './report/expectations';
export { encodeTraces, traceFileName, TRACE_FORMATS } from './report/traceExport';
export type { TraceFormat } from './report/traceExport';
export { callTotals, latencySummary, serviceWindowMetrics, routeWindowMetrics } from './report/metricsReadout';
export { evaluateExpectations } from './report/expectations';
