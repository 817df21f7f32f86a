import { Router, SemVer } from '../sdk';
import { ENGINE_CAPABILITIES } from './capabilities';
import type { EngineCapabilities } from './capabilities';
import { Checker, formatIssue, indexPath, joinPath } from './Checker';
import type { JsonRecord, ScenarioIssue } from './Checker';
import {
  DEFAULT_ATTEMPT_TIMEOUT_MS, DEFAULT_BREAKER, DEFAULT_CALL_SAMPLE_RATIO, DEFAULT_ERROR_CODE, DEFAULT_INVENTORY_STOCK,
  DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_RETAINED_EVENTS, DEFAULT_MAX_SPANS, DEFAULT_METRICS_INTERVAL_MS,
  DEFAULT_METRICS_WINDOW_MS, DEFAULT_NETWORK_QUANTUM_MS, DEFAULT_SEED, DEFAULT_SERVICE_LATENCY, DEFAULT_SERVICE_VERSION,
  DEFAULT_TIMEOUT_MS, DEFAULT_TRACE_SAMPLE_RATIO, DEFAULT_WARMUP_MS,
} from './defaults';
import { resolveDeviceRefs } from './deviceRefs';
import { readLatency } from './latency';
import { DEVICE_TYPES, HANDLER_TYPES } from './Scenario';
import type {
  BreakerSpec, DeviceSpec, DeviceType, GatewayRouteSpec, GatewaySpec, HandlerSpec, HandlerType, LinkRule,
  NetworkSpec, RateLimitKeyName, RateLimitKind, RateLimitSpec, ResilienceSpec, Scenario, ServiceSpec,
} from './Scenario';
import { ERROR_CODE, ID, ID_MESSAGE, LINK_KEYS, METHOD, readFaultShares, readLinkFields, SERVICE_NAME } from './readers';
import type { ReadContext } from './readers';
import { readExpectations, readFaults, readWorkload } from './validateActivity';

/** Outcome of validating a scenario: the resolved scenario, or every issue found. */
export type ScenarioValidation =
  | { ok: true; scenario: Scenario; issues: [] }
  | { ok: false; scenario: undefined; issues: ScenarioIssue[] };

export interface ValidateOptions {
  /** What this engine can run (messaging, sagas). Default {@link ENGINE_CAPABILITIES}. */
  capabilities?: EngineCapabilities;
}

const ROOT_KEYS = ['$schema', 'name', 'description', 'seed', 'duration', 'warmup', 'network', 'devices', 'resilience',
  'gateway', 'tracing', 'metrics', 'events', 'workload', 'faults', 'expectations'];
const MAX_DEVICES = 10000;


/**
 * Checks a parsed scenario file field by field and resolves it (defaults, durations in ms,
 * expanded devices). Never throws: every problem comes back as an issue naming the JSON path.
 *
 * @example
 * const v = validateScenario(JSON.parse(text));
 * if (!v.ok) v.issues.forEach((i) => console.error(formatIssue(i)));
 */
export const validateScenario = (input: unknown, options: ValidateOptions = {}): ScenarioValidation => {
  const c = new Checker();
  const root = c.object(input, '');
  if (root === undefined) {
    return { ok: false, scenario: undefined, issues: c.issues };
  }
  c.known(root, '', ROOT_KEYS);
  const name = c.string(root, 'name', '', { required: true }) ?? 'unnamed';
  const description = typeof root['description'] === 'string' ? root['description'] : '';
  if (root['description'] !== undefined && typeof root['description'] !== 'string') {
    c.fail('description', 'must be a string');
  }
  let seed = DEFAULT_SEED;
  if (root['seed'] !== undefined) {
    if ((typeof root['seed'] === 'number' && Number.isSafeInteger(root['seed'])) || (typeof root['seed'] === 'string' && root['seed'] !== '')) {
      seed = String(root['seed']);
    } else {
      c.fail('seed', 'must be an integer or a non-empty string');
    }
  }
  // An invalid duration is reported once; checks against it are skipped (Infinity).
  const durationMs = c.duration(root, 'duration', '', { required: true, positive: true }) ?? Number.POSITIVE_INFINITY;
  const warmupMs = c.duration(root, 'warmup', '') ?? Math.min(DEFAULT_WARMUP_MS, durationMs);
  if (warmupMs > durationMs) {
    c.fail('warmup', 'must not be longer than the duration');
  }
  const devices = readDevices(c, root);
  const ctx: ReadContext = {
    c, devices, durationMs, warmupMs, capabilities: options.capabilities ?? ENGINE_CAPABILITIES, gateway: undefined,
    refs: (refs: string[] | undefined, path: string): string[] | undefined => {
      if (refs === undefined) return undefined;
      const r = resolveDeviceRefs(refs, devices);
      return r.unmatched === undefined ? r.ids : c.fail(path, `no device matches '${r.unmatched}'`);
    },
  };
  const network = readNetwork(ctx, root['network']);
  const resilience = readResilience(c, root['resilience']);
  ctx.gateway = root['gateway'] === undefined ? undefined : readGateway(ctx, root['gateway']);
  const tracing = readTracing(c, root['tracing']);
  const metrics = readMetrics(c, root['metrics']);
  const events = readEvents(c, root['events']);
  const workload = readWorkload(ctx, root['workload']);
  const faults = readFaults(ctx, root['faults'], workload);
  const expectations = readExpectations(ctx, root['expectations']);
  if (!c.ok) {
    return { ok: false, scenario: undefined, issues: c.issues };
  }
  return {
    ok: true, issues: [],
    scenario: {
      name, description, seed, durationMs, warmupMs, network, devices, resilience, gateway: ctx.gateway, tracing, metrics,
      events, workload, faults, expectations,
    },
  };
};

/** Thrown by {@link parseScenario}: `issues` lists every problem. */
export class ScenarioError extends Error {
  readonly code: string = 'ERR_SCENARIO_INVALID';
  readonly issues: ScenarioIssue[];

  constructor(issues: ScenarioIssue[]) {
    super(`invalid scenario:\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}

/** Parses JSON text (or takes an object) and validates it; throws {@link ScenarioError} listing every issue. */
export const parseScenario = (input: string | object, options?: ValidateOptions): Scenario => {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      throw new ScenarioError([{ path: '', message: `not valid JSON: ${(e as Error).message}` }]);
    }
  }
  const v = validateScenario(value, options);
  if (!v.ok) {
    throw new ScenarioError(v.issues);
  }
  return v.scenario;
};

const readDevices = (c: Checker, root: JsonRecord): DeviceSpec[] => {
  const list = c.array(root, 'devices', '', true);
  const out: DeviceSpec[] = [];
  if (list === undefined) {
    return out;
  }
  if (list.length === 0) {
    c.fail('devices', 'must declare at least one device');
  }
  const seen = new Map<string, string>();
  list.forEach((value, i) => {
    const path = indexPath('devices', i);
    const d = c.object(value, path);
    if (d === undefined) return;
    c.known(d, path, ['id', 'type', 'count', 'zone', 'services']);
    const id = c.string(d, 'id', path, { required: true });
    const type = c.string(d, 'type', path, { required: true, oneOf: DEVICE_TYPES }) as DeviceType | undefined;
    const count = c.number(d, 'count', path, { integer: true, min: 1, max: MAX_DEVICES });
    const zone = c.string(d, 'zone', path);
    const services = readServices(c, d, path);
    if (id === undefined || type === undefined) return;
    const ids: string[] = [];
    if (count === undefined) {
      ids.push(id);
    } else {
      for (let k = 0; k < count; k++) ids.push(id.includes('{i}') ? id.split('{i}').join(String(k)) : `${id}-${k}`);
    }
    for (const deviceId of ids) {
      if (!ID.test(deviceId)) {
        c.fail(joinPath(path, 'id'), `'${deviceId}' ${ID_MESSAGE}`);
        return;
      }
      const other = seen.get(deviceId);
      if (other !== undefined) {
        c.fail(joinPath(path, 'id'), `'${deviceId}' is already declared by ${other}`);
        return;
      }
      seen.set(deviceId, path);
      out.push({ id: deviceId, type, zone, services, group: i });
    }
  });
  if (out.length > MAX_DEVICES) {
    c.fail('devices', `at most ${MAX_DEVICES} devices`);
  }
  return out;
};

const readServices = (c: Checker, d: JsonRecord, devicePath: string): ServiceSpec[] => {
  const list = c.array(d, 'services', devicePath) ?? [];
  const out: ServiceSpec[] = [];
  const names = new Set<string>();
  list.forEach((value, j) => {
    const path = indexPath(joinPath(devicePath, 'services'), j);
    const s = c.object(value, path);
    if (s === undefined) return;
    c.known(s, path, ['name', 'version', 'handler', 'latency', 'errorRate', 'errorCode', 'concurrency', 'queue',
      'queueTimeout', 'weight', 'tags']);
    const name = c.string(s, 'name', path, { required: true, pattern: SERVICE_NAME,
      patternMessage: 'must start with a letter and hold only letters, digits, ".", "_" or "-" (at most 128)' });
    const version = c.string(s, 'version', path) ?? DEFAULT_SERVICE_VERSION;
    if (!SemVer.isValid(version)) {
      c.fail(joinPath(path, 'version'), `'${version}' is not a semantic version (e.g. 1.2.0)`);
    }
    const handler = readHandler(c, s['handler'], joinPath(path, 'handler'));
    const latency = s['latency'] === undefined ? DEFAULT_SERVICE_LATENCY : readLatency(c, s['latency'], joinPath(path, 'latency'));
    const errorRate = c.probability(s, 'errorRate', path) ?? 0;
    const errorCode = c.string(s, 'errorCode', path, { pattern: ERROR_CODE, patternMessage: 'must be an error code such as ERR_UPSTREAM' }) ?? DEFAULT_ERROR_CODE;
    const concurrency = c.number(s, 'concurrency', path, { integer: true, min: 1 });
    const queue = c.number(s, 'queue', path, { integer: true, min: 0 }) ?? 0;
    const queueTimeoutMs = c.duration(s, 'queueTimeout', path, { positive: true });
    if ((s['queue'] !== undefined || s['queueTimeout'] !== undefined) && concurrency === undefined) {
      c.fail(joinPath(path, 'queue'), 'needs concurrency');
    }
    const weight = c.number(s, 'weight', path, { integer: true, min: 1, max: 10000 }) ?? 1;
    const tags = s['tags'] === undefined ? [] : c.stringList(s, 'tags', path) ?? [];
    if (name === undefined || handler === undefined || latency === undefined) return;
    if (names.has(name)) {
      c.fail(joinPath(path, 'name'), `'${name}' is already provided by this device`);
      return;
    }
    names.add(name);
    out.push({ name, version, handler, latency, errorRate, errorCode, concurrency, queue, queueTimeoutMs, weight, tags });
  });
  return out;
};

const readHandler = (c: Checker, value: unknown, path: string): HandlerSpec | undefined => {
  const spec: HandlerSpec = { type: 'echo', status: 200, body: null, stock: DEFAULT_INVENTORY_STOCK, declineRate: 0 };
  if (value === undefined) {
    return spec;
  }
  if (typeof value === 'string') {
    if (!HANDLER_TYPES.includes(value as HandlerType)) {
      return c.fail(path, `must be one of ${HANDLER_TYPES.join(', ')}`);
    }
    spec.type = value as HandlerType;
    return spec;
  }
  const o = c.object(value, path);
  if (o === undefined) return undefined;
  c.known(o, path, ['type', 'status', 'body', 'stock', 'declineRate']);
  const type = c.string(o, 'type', path, { required: true, oneOf: HANDLER_TYPES }) as HandlerType | undefined;
  spec.status = c.number(o, 'status', path, { integer: true, min: 100, max: 599 }) ?? 200;
  spec.body = o['body'] ?? null;
  spec.stock = c.number(o, 'stock', path, { integer: true, min: 0 }) ?? DEFAULT_INVENTORY_STOCK;
  spec.declineRate = c.probability(o, 'declineRate', path) ?? 0;
  if (type === undefined) return undefined;
  spec.type = type;
  return spec;
};



const readNetwork = (ctx: ReadContext, value: unknown): NetworkSpec => {
  const c = ctx.c;
  const network: NetworkSpec = { defaults: {}, links: [], timeQuantumMs: DEFAULT_NETWORK_QUANTUM_MS };
  if (value === undefined) return network;
  const o = c.object(value, 'network');
  if (o === undefined) return network;
  c.known(o, 'network', [...LINK_KEYS, 'links', 'timeQuantumMs']);
  network.defaults = readLinkFields(c, o, 'network');
  network.timeQuantumMs = c.number(o, 'timeQuantumMs', 'network', { min: 0, max: 1000 }) ?? DEFAULT_NETWORK_QUANTUM_MS;
  (c.array(o, 'links', 'network') ?? []).forEach((v, i) => {
    const path = indexPath('network.links', i);
    const l = c.object(v, path);
    if (l === undefined) return;
    c.known(l, path, [...LINK_KEYS, 'from', 'to', 'bidirectional']);
    const from = ctx.refs(c.stringList(l, 'from', path, true), joinPath(path, 'from'));
    const to = ctx.refs(c.stringList(l, 'to', path, true), joinPath(path, 'to'));
    const bidirectional = c.boolean(l, 'bidirectional', path) ?? true;
    const conditions = readLinkFields(c, l, path);
    if (from !== undefined && to !== undefined) network.links.push({ from, to, bidirectional, conditions } as LinkRule);
  });
  return network;
};

const readResilience = (c: Checker, value: unknown): ResilienceSpec => {
  const r: ResilienceSpec = {
    timeoutMs: DEFAULT_TIMEOUT_MS, attemptTimeoutMs: DEFAULT_ATTEMPT_TIMEOUT_MS, maxAttempts: DEFAULT_MAX_ATTEMPTS,
    retryNonIdempotent: false, breaker: { ...DEFAULT_BREAKER }, retryBudget: undefined,
  };
  if (value === undefined) return r;
  const o = c.object(value, 'resilience');
  if (o === undefined) return r;
  const path = 'resilience';
  c.known(o, path, ['timeoutMs', 'attemptTimeoutMs', 'maxAttempts', 'retryNonIdempotent', 'breaker', 'retryBudget']);
  r.timeoutMs = c.number(o, 'timeoutMs', path, { positive: true }) ?? r.timeoutMs;
  r.attemptTimeoutMs = c.number(o, 'attemptTimeoutMs', path, { positive: true }) ?? Math.min(r.attemptTimeoutMs, r.timeoutMs);
  if (r.attemptTimeoutMs > r.timeoutMs) c.fail(joinPath(path, 'attemptTimeoutMs'), 'must be <= timeoutMs');
  r.maxAttempts = c.number(o, 'maxAttempts', path, { integer: true, min: 1, max: 100 }) ?? r.maxAttempts;
  r.retryNonIdempotent = c.boolean(o, 'retryNonIdempotent', path) ?? false;
  if (o['breaker'] !== undefined) r.breaker = readBreaker(c, o['breaker'], joinPath(path, 'breaker'));
  if (o['retryBudget'] !== undefined) {
    const bp = joinPath(path, 'retryBudget');
    const b = c.object(o['retryBudget'], bp);
    if (b !== undefined) {
      c.known(b, bp, ['retryRatio', 'minRetriesPerSecond', 'ttlMs']);
      r.retryBudget = {
        retryRatio: c.number(b, 'retryRatio', bp, { min: 0 }) ?? 0.2,
        minRetriesPerSecond: c.number(b, 'minRetriesPerSecond', bp, { min: 0 }) ?? 10,
        ttlMs: c.number(b, 'ttlMs', bp, { positive: true }) ?? 10000,
      };
    }
  }
  return r;
};

const readBreaker = (c: Checker, value: unknown, path: string): BreakerSpec => {
  const b: BreakerSpec = { ...DEFAULT_BREAKER };
  const o = c.object(value, path);
  if (o === undefined) return b;
  c.known(o, path, ['enabled', 'window', 'consecutiveFailures', 'windowSize', 'windowMs', 'minimumNumberOfCalls',
    'failureRateThreshold', 'slowCallDurationMs', 'openDurationMs', 'openDurationMultiplier', 'maxOpenDurationMs', 'halfOpenMaxCalls']);
  b.enabled = c.boolean(o, 'enabled', path) ?? true;
  b.window = (c.string(o, 'window', path, { oneOf: ['consecutive', 'count', 'time'] }) as BreakerSpec['window'] | undefined) ?? b.window;
  b.consecutiveFailures = c.number(o, 'consecutiveFailures', path, { integer: true, min: 1 }) ?? b.consecutiveFailures;
  b.windowSize = c.number(o, 'windowSize', path, { integer: true, min: 1, max: 1000000 }) ?? b.windowSize;
  b.windowMs = c.number(o, 'windowMs', path, { positive: true }) ?? b.windowMs;
  b.minimumNumberOfCalls = c.number(o, 'minimumNumberOfCalls', path, { integer: true, min: 1 }) ?? Math.min(b.minimumNumberOfCalls, b.windowSize);
  b.failureRateThreshold = c.number(o, 'failureRateThreshold', path, { positive: true, max: 1 }) ?? b.failureRateThreshold;
  b.slowCallDurationMs = c.number(o, 'slowCallDurationMs', path, { min: 0 });
  b.openDurationMs = c.number(o, 'openDurationMs', path, { positive: true }) ?? b.openDurationMs;
  b.openDurationMultiplier = c.number(o, 'openDurationMultiplier', path, { min: 1 }) ?? b.openDurationMultiplier;
  b.maxOpenDurationMs = c.number(o, 'maxOpenDurationMs', path, { positive: true }) ?? Math.max(b.maxOpenDurationMs, b.openDurationMs);
  if (b.maxOpenDurationMs < b.openDurationMs) c.fail(joinPath(path, 'maxOpenDurationMs'), 'must be >= openDurationMs');
  b.halfOpenMaxCalls = c.number(o, 'halfOpenMaxCalls', path, { integer: true, min: 1 }) ?? b.halfOpenMaxCalls;
  return b;
};

const readGateway = (ctx: ReadContext, value: unknown): GatewaySpec | undefined => {
  const c = ctx.c;
  const path = 'gateway';
  const o = c.object(value, path);
  if (o === undefined) return undefined;
  c.known(o, path, ['device', 'routes', 'timeoutMs', 'retryAttempts', 'rateLimit', 'faults']);
  const device = c.string(o, 'device', path, { required: true });
  if (device !== undefined && !ctx.devices.some((d) => d.id === device)) {
    c.fail(joinPath(path, 'device'), `no device '${device}'`);
  }
  const routes: GatewayRouteSpec[] = [];
  const router = new Router<string>();
  (c.array(o, 'routes', path, true) ?? []).forEach((v, i) => {
    const rp = indexPath(joinPath(path, 'routes'), i);
    const r = c.object(v, rp);
    if (r === undefined) return;
    c.known(r, rp, ['id', 'method', 'path', 'service', 'version', 'rewrite', 'stripPrefix']);
    const routePath = c.string(r, 'path', rp, { required: true });
    const service = c.string(r, 'service', rp, { required: true });
    const methods = r['method'] === undefined || r['method'] === 'ALL' ? 'ALL' : c.stringList(r, 'method', rp);
    if (Array.isArray(methods) && methods.some((m) => !METHOD.test(m))) c.fail(joinPath(rp, 'method'), 'methods must be upper-case, e.g. GET');
    const version = c.string(r, 'version', rp);
    const rewrite = c.string(r, 'rewrite', rp);
    const stripPrefix = c.string(r, 'stripPrefix', rp);
    if (routePath === undefined || service === undefined || methods === undefined) return;
    const id = c.string(r, 'id', rp) ?? `${methods === 'ALL' ? 'ALL' : methods.join(',')} ${routePath}`;
    try {
      router.add({ id, method: methods === 'ALL' ? 'ALL' : methods, path: routePath, data: service });
    } catch (e) {
      c.fail(joinPath(rp, 'path'), (e as Error).message);
      return;
    }
    routes.push({ id, methods, path: routePath, service, version, rewrite, stripPrefix });
  });
  const timeoutMs = c.number(o, 'timeoutMs', path, { positive: true });
  const retryAttempts = c.number(o, 'retryAttempts', path, { integer: true, min: 1, max: 10 });
  const rateLimit = o['rateLimit'] === undefined ? undefined : readRateLimit(c, o['rateLimit'], joinPath(path, 'rateLimit'));
  const faults = o['faults'] === undefined ? undefined : readGatewayFaults(c, o['faults'], joinPath(path, 'faults'));
  return device === undefined ? undefined : { device, routes, timeoutMs, retryAttempts, rateLimit, faults };
};

const readRateLimit = (c: Checker, value: unknown, path: string): RateLimitSpec | undefined => {
  const o = c.object(value, path);
  if (o === undefined) return undefined;
  c.known(o, path, ['kind', 'key', 'capacity', 'refillPerSecond', 'limit', 'window']);
  const kind = (c.string(o, 'kind', path, { oneOf: ['token-bucket', 'sliding-window'] }) ?? 'token-bucket') as RateLimitKind;
  const key = (c.string(o, 'key', path, { oneOf: ['global', 'client', 'route', 'client-route', 'device'] }) ?? 'global') as RateLimitKeyName;
  const spec: RateLimitSpec = { kind, key, capacity: 0, refillPerSecond: 0, limit: 0, windowMs: 0 };
  if (kind === 'token-bucket') {
    spec.capacity = c.number(o, 'capacity', path, { required: true, integer: true, min: 1 }) ?? 1;
    spec.refillPerSecond = c.number(o, 'refillPerSecond', path, { required: true, positive: true }) ?? 1;
  } else {
    spec.limit = c.number(o, 'limit', path, { required: true, integer: true, min: 1 }) ?? 1;
    spec.windowMs = c.duration(o, 'window', path, { required: true, positive: true }) ?? 1000;
  }
  return spec;
};

/** `{ delay?: { ms, percent }, abort?: { status?, percent } }` under `path`. */
export const readGatewayFaults = (c: Checker, value: unknown, path: string): { delay: { ms: number; percent: number } | undefined; abort: { status: number; percent: number } | undefined } | undefined => {
  const o = c.object(value, path);
  if (o === undefined) return undefined;
  c.known(o, path, ['delay', 'abort']);
  return readFaultShares(c, o, path);
};


const readTracing = (c: Checker, value: unknown): Scenario['tracing'] => {
  const t = { enabled: true, sampleRatio: DEFAULT_TRACE_SAMPLE_RATIO, maxSpans: DEFAULT_MAX_SPANS };
  if (value === undefined) return t;
  const o = c.object(value, 'tracing');
  if (o === undefined) return t;
  c.known(o, 'tracing', ['enabled', 'sampleRatio', 'maxSpans']);
  t.enabled = c.boolean(o, 'enabled', 'tracing') ?? true;
  t.sampleRatio = c.probability(o, 'sampleRatio', 'tracing') ?? t.sampleRatio;
  t.maxSpans = c.number(o, 'maxSpans', 'tracing', { integer: true, min: 0, max: 1000000 }) ?? t.maxSpans;
  return t;
};

const readMetrics = (c: Checker, value: unknown): Scenario['metrics'] => {
  const m = { intervalMs: DEFAULT_METRICS_INTERVAL_MS, windowMs: DEFAULT_METRICS_WINDOW_MS };
  if (value === undefined) return m;
  const o = c.object(value, 'metrics');
  if (o === undefined) return m;
  c.known(o, 'metrics', ['interval', 'window']);
  m.intervalMs = c.duration(o, 'interval', 'metrics', { positive: true }) ?? m.intervalMs;
  m.windowMs = c.duration(o, 'window', 'metrics', { positive: true }) ?? m.windowMs;
  if (m.intervalMs < 10) c.fail('metrics.interval', 'must be at least 10ms');
  return m;
};

const readEvents = (c: Checker, value: unknown): Scenario['events'] => {
  const e = { callSampleRatio: DEFAULT_CALL_SAMPLE_RATIO, maxRetained: DEFAULT_MAX_RETAINED_EVENTS };
  if (value === undefined) return e;
  const o = c.object(value, 'events');
  if (o === undefined) return e;
  c.known(o, 'events', ['callSampleRatio', 'maxRetained']);
  e.callSampleRatio = c.probability(o, 'callSampleRatio', 'events') ?? e.callSampleRatio;
  e.maxRetained = c.number(o, 'maxRetained', 'events', { integer: true, min: 10, max: 10000000 }) ?? e.maxRetained;
  return e;
};

